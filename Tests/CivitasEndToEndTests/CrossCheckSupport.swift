import CivitasClient
import CivitasCore
import CivitasProtos
import CivitasServer
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// A server for the cross-check suites whose clock reads 2026-10-28 12:00 Shanghai (and
/// runs on from there): October's records can be submitted, none of them is late yet
/// (the cross-check framework's deadline is 2026-11-04 00:00), and due dates in November
/// lie ahead. Tests that move the clock start a private one (``start(at:)``).
actor CrossCheckServer {
    static let shared = CrossCheckServer()
    private var server: TestServer?

    static func get() async throws -> TestServer {
        try await shared.start()
    }

    private func start() async throws -> TestServer {
        if let server { return server }
        let started = try await Self.start(at: CrossCheckSample.at(month: 10, 28))
        server = started
        return started
    }

    /// A private server whose clock reads `date` now; schedules tick every 0.2 s.
    static func start(at date: Date) async throws -> TestServer {
        let server = try await TestServer.start { configuration in
            configuration.jobs.schedulerTickSeconds = 0.2
            configuration.jobs.pollSeconds = 0.2
        }
        server.clock.advance(by: date.timeIntervalSince(server.clock.now))
        return server
    }
}

/// October 2026 data for the cross-check city (TenantFixture.makeCrossCheckCity) with
/// the anomalies the cross-checks must find planted in it.
enum CrossCheckSample {
    static let period = "2026-10"
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    static func at(month: Int, _ day: Int, hour: Int = 12, minute: Int = 0) -> Date {
        Calendar.gregorian(in: shanghai).date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: minute))!
    }

    static func sha(_ letter: Character) -> String { String(repeating: letter, count: 64) }

    static func volume(_ key: String, unit: String, value: Double, evidence: Character? = nil) -> Civitas_V1_MaterialReport {
        .with {
            $0.key = key; $0.unit = unit; $0.indicator = "m-volume"; $0.period.name = period; $0.number = value; $0.note = "十月"
            if let evidence {
                $0.evidence = [.with { $0.fileName = "台账-\(unit).pdf"; $0.sha256 = sha(evidence); $0.size = 1024; $0.mediaType = "application/pdf" }]
            }
        }
    }

    static func response(_ key: String, answers: [UInt32], subcommand: String = "sc-3", day: Int = 12) -> Civitas_V1_SurveyResponse {
        .with {
            $0.key = key; $0.survey = "s-1"; $0.respondent = "r-\(key)"; $0.subcommand = subcommand
            $0.submittedAt = Google_Protobuf_Timestamp(date: at(month: 10, day)); $0.durationSeconds = 180
            $0.answers = answers.enumerated().map { item in .with { $0.question = "q\(item.offset + 1)"; $0.answer = item.element } }
        }
    }

    /// The month's records, submitted as HQ, with four anomalies:
    /// - m-volume: u-1 100, u-2 102, u-3 98, u-4 101, u-5 99 and **u-6 400** (inflated);
    /// - u-1 and **u-4 attach the same document** (SHA-256 `aaaa…`) to their m-volume reports;
    /// - m-clean-claim: **u-1 claims 0.95** while sc-1's points passed c-clean 3 of 5 times;
    /// - s-1: four ordinary responses (q1: 5, 4, 2, 3) and **three straight-liners** (all six answers 5).
    /// Returns the sequence number of every record by its key.
    static func plant(_ civitas: CivitasConnection) async throws -> [String: UInt64] {
        let materials = try await civitas.submissions.submitMaterialReports(.with {
            $0.reports = [
                volume("v-1", unit: "u-1", value: 100, evidence: "a"), volume("v-2", unit: "u-2", value: 102), volume("v-3", unit: "u-3", value: 98),
                volume("v-4", unit: "u-4", value: 101, evidence: "a"), volume("v-5", unit: "u-5", value: 99), volume("v-6", unit: "u-6", value: 400),
                .with { $0.key = "claim-1"; $0.unit = "u-1"; $0.indicator = "m-clean-claim"; $0.period.name = period; $0.number = 0.95 },
            ]
        })
        // One c-clean check per visit: p-1 passed twice, p-2 once of two visits, p-3 failed.
        let visits = [("i-1", "p-1", true), ("i-2", "p-1", true), ("i-3", "p-2", true), ("i-4", "p-2", false), ("i-5", "p-3", false)]
        let inspections = try await civitas.submissions.submitInspections(.with {
            $0.records = visits.map { key, point, passed in
                .with {
                    $0.key = key; $0.point = point; $0.inspector = "李四"; $0.observedAt = Google_Protobuf_Timestamp(date: at(month: 10, 15))
                    $0.checks = [.with { $0.check = "c-clean"; $0.passed = passed }]
                }
            }
        })
        let ordinary = [[5, 4, 3, 4, 2, 5], [4, 4, 3, 5, 2, 1], [2, 3, 4, 4, 5, 1], [3, 4, 4, 2, 5, 5]] as [[UInt32]]
        let surveys = try await civitas.submitSurveys([
            ordinary.enumerated().map { response("ok-\($0.offset)", answers: $0.element) }
                + (1...3).map { response("flat-\($0)", answers: Array(repeating: 5, count: 6), day: 20) }
        ])
        for (channel, reply) in [("materials", materials), ("inspections", inspections), ("surveys", surveys)] {
            guard reply.refused == 0 else { throw ClientError("The sample \(channel) were refused: \(reply.batches.flatMap(\.errors))") }
        }
        var sequences: [String: UInt64] = [:]
        for channel in ["material", "inspection", "survey"] {
            for record in try await civitas.allRecords(channel, includeSuperseded: true) { sequences[record.key] = record.sequence }
        }
        return sequences
    }
}

extension CivitasConnection {
    /// Requests a cross-check of `period` and waits until its job has finished.
    func crossCheck(_ period: String = CrossCheckSample.period, rules: [String] = []) async throws -> Civitas_V1_Job {
        let reply = try await crosschecks.requestCrossCheck(.with { $0.period.name = period; $0.rules = rules })
        return try await waitForJob(reply.jobID)
    }

    /// Every finding of a listing (all pages, two at a time so that paging is exercised).
    func allFindings(_ configure: (inout Civitas_V1_ListFindingsRequest) -> Void = { _ in }) async throws -> [Civitas_V1_Finding] {
        var request = Civitas_V1_ListFindingsRequest.with { $0.page.pageSize = 2 }
        configure(&request)
        var findings: [Civitas_V1_Finding] = []
        repeat {
            let reply = try await crosschecks.listFindings(request)
            findings += reply.findings
            request.page.pageToken = reply.nextPageToken
        } while !request.page.pageToken.isEmpty
        return findings
    }

    /// Asks for a move of finding `id`.
    @discardableResult
    func move(
        _ id: String, _ action: String, unit: String = "", due: Date? = nil, note: String = "", evidence: [Civitas_V1_Evidence] = []
    ) async throws -> Civitas_V1_Finding {
        try await crosschecks.transitionFinding(.with {
            $0.id = id; $0.action = action; $0.unit = unit; $0.note = note; $0.evidence = evidence
            if let due { $0.dueAt = Google_Protobuf_Timestamp(date: due) }
        })
    }
}

extension Array where Element == Civitas_V1_Finding {
    func with(rule: String) -> [Civitas_V1_Finding] { filter { $0.rule == rule } }
}
