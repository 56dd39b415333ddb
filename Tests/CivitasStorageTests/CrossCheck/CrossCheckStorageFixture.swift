import CivitasCore
import CivitasStorage
import Foundation

/// A small city for the cross-check storage tests: sub-command sc-1 (units u-1, u-2,
/// u-3, point p-1), sc-2 (u-4, u-5, u-6, point p-2), and u-hq on one of HQ's lines; the
/// framework `cc-test` (below); and records stored with a chosen receive time.
enum CrossCheckStorageFixture {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let october = try! Period(parsing: "2026-10", timeZone: shanghai)

    /// Seven leaves of one point each, grace days 3 (October's deadline: 2026-11-04 00:00 Shanghai).
    ///
    /// | leaf | measure | cross-check |
    /// |---|---|---|
    /// | m-volume | material mean, u-1…u-6, number 0…1000 | peer and history outliers |
    /// | m-clean-claim | material mean, u-1 u-4, number 0…1 | contradiction: c-clean, tolerance 0.1 |
    /// | m-clean-rate | material mean, u-3, number 0…1 | peer: leaf i-clean, tolerance 0.1 |
    /// | i-clean | inspection pass rate of c-clean | |
    /// | m-hotline | material mean, u-hq, number 0…100 | peer: feed metric hotline (no leaf measures it), tolerance 0.05 |
    /// | f-aqi | feed mean of aqi | |
    /// | s-q1 | survey s-1 q1 satisfied rate | s-1: six questions, at least 60 s |
    static let frameworkJSON = """
        {
          "code": "cc-test", "title": "交叉检查测试", "total": 7, "pass_score": 4, "time_zone": "Asia/Shanghai", "grace_days": 3,
          "surveys": [{"code": "s-1", "questions": ["q1", "q2", "q3", "q4", "q5", "q6"], "min_duration_seconds": 60}],
          "feed_metrics": [{"code": "aqi", "unit": "AQI", "min": 0, "max": 500}, {"code": "hotline", "unit": "%", "min": 0, "max": 100}],
          "checklist_items": [{"code": "c-clean", "description": "地面整洁"}],
          "categories": [{"code": "all", "name": "全部", "points": 7, "items": [{"code": "all-items", "name": "全部指标", "points": 7, "indicators": [
            {"code": "m-volume", "name": "数量", "points": 1, "method": "material", "measure": {"kind": "mean"}, "value_kind": "number",
             "range": {"min": 0, "max": 1000}, "units": ["u-1", "u-2", "u-3", "u-4", "u-5", "u-6"],
             "scoring": {"rule": "linear", "floor": 0, "target": 1000, "direction": "higher"}},
            {"code": "m-clean-claim", "name": "整洁率（申报）", "points": 1, "method": "material", "measure": {"kind": "mean"}, "value_kind": "number",
             "range": {"min": 0, "max": 1}, "units": ["u-1", "u-4"], "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"},
             "contradiction": {"check": "c-clean", "tolerance": 0.1}},
            {"code": "m-clean-rate", "name": "整洁率（部门）", "points": 1, "method": "material", "measure": {"kind": "mean"}, "value_kind": "number",
             "range": {"min": 0, "max": 1}, "units": ["u-3"], "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"},
             "peer": {"indicator": "i-clean", "tolerance": 0.1}},
            {"code": "i-clean", "name": "地面整洁", "points": 1, "method": "inspection", "measure": {"kind": "pass_rate", "check": "c-clean"},
             "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"}},
            {"code": "m-hotline", "name": "热线办结率（申报）", "points": 1, "method": "material", "measure": {"kind": "mean"}, "value_kind": "number",
             "range": {"min": 0, "max": 100}, "units": ["u-hq"], "scoring": {"rule": "linear", "floor": 0, "target": 100, "direction": "higher"},
             "peer": {"feed_metric": "hotline", "tolerance": 0.05}},
            {"code": "f-aqi", "name": "空气", "points": 1, "method": "feed", "measure": {"kind": "mean", "metric": "aqi"},
             "scoring": {"rule": "linear", "floor": 500, "target": 0, "direction": "lower"}},
            {"code": "s-q1", "name": "满意度", "points": 1, "method": "survey",
             "measure": {"kind": "satisfied_rate", "survey": "s-1", "question": "q1", "satisfied_at": 4},
             "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"}}
          ]}]}]
        }
        """

    /// The organization and the published framework; returns the framework.
    static func prepare(_ database: TenantDatabase) async throws -> PublishedFramework {
        _ = try await database.writeOrganization(.subcommands([Subcommand(id: "sc-1", name: "一"), Subcommand(id: "sc-2", name: "二")]), mode: .upsert)
        let units = (1...6).map { WorkUnit(id: "u-\($0)", name: "单位\($0)", subcommand: $0 <= 3 ? "sc-1" : "sc-2") }
        _ = try await database.writeOrganization(.units(units + [WorkUnit(id: "u-hq", name: "市直", subcommand: nil)]), mode: .upsert)
        _ = try await database.writeOrganization(
            .points([InspectionPoint(id: "p-1", name: "点一", subcommand: "sc-1", type: "market"), InspectionPoint(id: "p-2", name: "点二", subcommand: "sc-2", type: "market")]),
            mode: .upsert)
        guard case .success(let framework) = FrameworkDocument.parse(Data(frameworkJSON.utf8)) else {
            throw CivitasError(.internal, "The cross-check test framework does not parse: \(FrameworkDocument.parse(Data(frameworkJSON.utf8)))")
        }
        _ = try await database.publishFramework(EvaluationFixture.candidate(framework, sha: "cc"), principal: "cr-hq", now: october.start, dryRun: false)
        return try await database.publishedFramework("cc-test", version: 1)
    }

    /// A moment of October 2026 (Shanghai): `day` at `hour`.
    static func october(_ day: Int, hour: Int = 12) -> Date { at(month: 10, day, hour: hour) }

    static func at(month: Int, _ day: Int, hour: Int = 12, minute: Int = 0) -> Date {
        Calendar.gregorian(in: shanghai).date(from: DateComponents(year: 2026, month: month, day: day, hour: hour, minute: minute))!
    }

    // MARK: Records, each stored alone; every function returns the sequence number.

    static func material(
        _ database: TenantDatabase, _ key: String, unit: String, indicator: String = "m-volume", period: String = "2026-10", value: Double,
        evidence: [String] = [], receivedAt: Date = october(20)
    ) async throws -> Int64 {
        let documents = evidence.map { Evidence(fileName: "\($0).pdf", sha256: String(repeating: $0, count: 64), size: 10, mediaType: "application/pdf") }
        let report = MaterialReport(key: key, unit: unit, indicator: indicator, period: period, value: .number(value), evidence: documents)
        let parsed = try Period(parsing: period, timeZone: shanghai)
        let prepared = PreparedRecord(index: 0, record: report, contentSHA256: EvaluationFixture.contentHash(key), span: span(parsed.start, parsed.end), period: parsed)
        return try stored(await database.submit(.materials([prepared]), principal: "cr-unit", receivedAt: receivedAt, dryRun: false), key)
    }

    /// One inspection with one c-clean check per entry of `passes`.
    static func inspection(_ database: TenantDatabase, _ key: String, point: String, passes: [Bool], at date: Date = october(10)) async throws -> Int64 {
        let record = InspectionRecord(key: key, point: point, inspector: "张三", observedAt: date, checks: passes.map { CheckResult(check: "c-clean", passed: $0) })
        let prepared = PreparedRecord(index: 0, record: record, contentSHA256: EvaluationFixture.contentHash(key), span: span(date, date))
        return try stored(await database.submit(.inspections([prepared]), principal: "cr-insp", receivedAt: october(20), dryRun: false), key)
    }

    static func survey(
        _ database: TenantDatabase, _ key: String, respondent: String, answers: [UInt32], seconds: UInt32 = 120, at date: Date = october(10)
    ) async throws -> Int64 {
        let named = answers.enumerated().map { SurveyAnswer(question: "q\($0.offset + 1)", answer: $0.element) }
        let response = SurveyResponse(key: key, survey: "s-1", respondent: respondent, subcommand: "sc-2", submittedAt: date, durationSeconds: seconds, answers: named)
        let prepared = PreparedRecord(index: 0, record: response, contentSHA256: EvaluationFixture.contentHash(key), span: span(date, date))
        return try stored(await database.submit(.surveys([prepared]), principal: "cr-insp", receivedAt: october(20), dryRun: false), key)
    }

    static func feed(
        _ database: TenantDatabase, _ key: String, metric: String, value: Double, at date: Date = october(15), receivedAt: Date = october(20)
    ) async throws -> Int64 {
        let point = FeedPoint(key: key, metric: metric, source: "平台", observedAt: date, value: value, subcommand: nil)
        let prepared = PreparedRecord(index: 0, record: point, contentSHA256: EvaluationFixture.contentHash(key), span: span(date, date))
        return try stored(await database.submit(.feeds([prepared]), principal: "cr-hq", receivedAt: receivedAt, dryRun: false), key)
    }

    private static func span(_ start: Date, _ end: Date) -> DaySpan {
        let calendar = Calendar.gregorian(in: shanghai)
        return DaySpan(first: calendar.localDay(start), last: calendar.localDay(max(start, end.addingTimeInterval(-0.001))))
    }

    private static func stored(_ outcome: SubmissionOutcome, _ key: String) throws -> Int64 {
        guard let sequence = outcome.sequences?.upperBound else { throw CivitasError(.internal, "Record \(key) was not stored: \(outcome.problems)") }
        return sequence
    }

    // MARK: Findings without records, for the workflow and upsert tests

    static func finding(_ name: String, unit: String? = "u-1", subcommand: String? = "sc-1", x: Double = 400) -> Finding {
        Finding(
            rule: .peerOutlier, subject: "indicator=m-volume;unit=\(name);period=2026-10", sequences: [Int64(name.count)], figures: ["x": x, "median": 100.5],
            severity: .high, unit: unit, subcommand: subcommand, period: "2026-10", message: "Unit \(name) reported \(x).")
    }

    static func run(_ id: String, at time: Date = october(21)) -> CrossCheckRunIdentity {
        CrossCheckRunIdentity(id: id, period: "2026-10", rules: [.peerOutlier], framework: "cc-test", frameworkVersion: 1, cutoff: 0, startedAt: time)
    }

    static func principal(_ role: Role, _ scope: String? = nil) -> Principal {
        Principal(credentialID: "cr-\(role.rawValue)-\(scope ?? "all")", role: role, tenant: try? TenantID("cc-city"), scope: scope)
    }
}
