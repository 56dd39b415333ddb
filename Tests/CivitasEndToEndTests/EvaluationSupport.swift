import CivitasClient
import CivitasCore
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// March 2025 (Asia/Shanghai) data for the small evaluation city
/// (TenantFixture.makeEvaluationCity), and the hand-computed scores it must give.
enum EvaluationSample {
    static let framework = "test-city"
    static let period = "2025-03"
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// Noon (Shanghai) of a day of 2025.
    static func day(_ day: Int, month: Int = 3, hour: Int = 12) -> Date {
        Calendar.gregorian(in: shanghai).date(from: DateComponents(year: 2025, month: month, day: day, hour: hour))!
    }

    static func inspection(_ key: String, point: String, clean: Bool, day: Int) -> Civitas_V1_InspectionRecord {
        .with {
            $0.key = key; $0.point = point; $0.inspector = "李四"
            $0.observedAt = Google_Protobuf_Timestamp(date: Self.day(day))
            $0.checks = [.with { $0.check = "c-clean"; $0.passed = clean }, .with { $0.check = "c-order"; $0.passed = false }]
        }
    }

    static func survey(_ key: String, subcommand: String, q1: UInt32, day: Int) -> Civitas_V1_SurveyResponse {
        .with {
            $0.key = key; $0.survey = "s-1"; $0.respondent = "r-\(key)"; $0.subcommand = subcommand
            $0.submittedAt = Google_Protobuf_Timestamp(date: Self.day(day)); $0.durationSeconds = 180
            $0.answers = [("q1", q1), ("q2", 3), ("q3", 4)].map { item in .with { $0.question = item.0; $0.answer = item.1 } }
        }
    }

    static func aqi(_ key: String, _ value: Double, day: Int, month: Int = 3, hour: Int = 12) -> Civitas_V1_FeedPoint {
        .with {
            $0.key = key; $0.metric = "aqi"; $0.source = "环境监测平台"; $0.value = value
            $0.observedAt = Google_Protobuf_Timestamp(date: Self.day(day, month: month, hour: hour))
        }
    }

    /// The month's records, submitted as HQ:
    /// - m-rate: u-1 80, u-2 60; m-plan: u-1 provided;
    /// - c-clean checks: p-1 (sc-1) pass, pass; p-2 (sc-2) pass, fail;
    /// - s-1 q1: sc-1 5 and 4; sc-2 2 and 4;
    /// - AQI (city-wide): 1st 50, 2nd 150, 3rd 80 and 140 (daily mean 110), 4th 90.
    static func submitMarch(_ civitas: CivitasConnection) async throws {
        let materials = try await civitas.submissions.submitMaterialReports(.with {
            $0.reports = [
                Sample.material("m1", unit: "u-1", value: 80, period: period),
                Sample.material("m2", unit: "u-2", value: 60, period: period),
                .with { $0.key = "m3"; $0.unit = "u-1"; $0.indicator = "m-plan"; $0.period.name = period; $0.provided = true; $0.note = "方案" },
            ]
        })
        let inspections = try await civitas.submissions.submitInspections(.with {
            $0.records = [
                inspection("i1", point: "p-1", clean: true, day: 2), inspection("i2", point: "p-1", clean: true, day: 3),
                inspection("i3", point: "p-2", clean: true, day: 2), inspection("i4", point: "p-2", clean: false, day: 3),
            ]
        })
        let surveys = try await civitas.submitSurveys([[
            survey("s1", subcommand: "sc-1", q1: 5, day: 5), survey("s2", subcommand: "sc-1", q1: 4, day: 6),
            survey("s3", subcommand: "sc-2", q1: 2, day: 5), survey("s4", subcommand: "sc-2", q1: 4, day: 6),
        ]])
        let feeds = try await civitas.submitFeeds([[
            aqi("a1", 50, day: 1), aqi("a2", 150, day: 2), aqi("a3", 80, day: 3, hour: 9), aqi("a4", 140, day: 3, hour: 15), aqi("a5", 90, day: 4),
        ]])
        for (channel, reply) in [("materials", materials), ("inspections", inspections), ("surveys", surveys), ("feeds", feeds)] {
            guard reply.refused == 0 else { throw ClientError("The sample \(channel) were refused: \(reply.batches.flatMap(\.errors))") }
        }
    }
}

extension CivitasConnection {
    /// Requests an evaluation and waits until its job has finished; returns the job.
    func evaluate(
        _ framework: String = EvaluationSample.framework, period: String = EvaluationSample.period, scope: String = "city"
    ) async throws -> Civitas_V1_Job {
        let reply = try await evaluations.requestEvaluation(.with {
            $0.framework = framework; $0.period.name = period; $0.scope.name = scope
        })
        return try await waitForJob(reply.jobID)
    }

    /// Polls job `id` until it has finished (at most a minute).
    func waitForJob(_ id: String) async throws -> Civitas_V1_Job {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let job = try await jobs.getJob(.with { $0.id = id })
            if job.isFinished { return job }
            guard Date() < deadline else { throw ClientError("Job \(id) did not finish within a minute; it is \(job.state).") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The latest result of the sample framework and period for `scope`.
    func latestResult(_ scope: String = "city", period: String = EvaluationSample.period) async throws -> Civitas_V1_EvaluationResult {
        try await evaluations.getResult(.with {
            $0.framework = EvaluationSample.framework; $0.period.name = period; $0.scope.name = scope
        })
    }
}

extension Civitas_V1_Job {
    var isFinished: Bool { ["succeeded", "discarded", "cancelled"].contains(state) }
}

extension Civitas_V1_EvaluationResult {
    /// Earned points per leaf code.
    var earnedByLeaf: [String: Double] {
        Dictionary(uniqueKeysWithValues: leaves.map { ($0.code, $0.earned) })
    }
}

/// Doubles that went through different summation orders: equal to 1e-9.
func expectClose(_ actual: Double?, _ expected: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("\(what): no value, expected \(expected)", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(actual - expected) < 1e-9, "\(what): \(actual) ≠ \(expected)", sourceLocation: sourceLocation)
}
