import CivitasCore
import Foundation

/// Rows as storage would stream them, each given the next sequence number unless one is
/// named; folded into an ``EvaluationData`` in the order added (or any other).
struct EvaluationRecords {
    enum Row {
        case material(EvaluationRow.Material)
        case inspection(EvaluationRow.Inspection)
        case survey(EvaluationRow.Survey)
        case feed(EvaluationRow.Feed)

        var sequence: Int64 {
            switch self {
            case .material(let row): row.sequence
            case .inspection(let row): row.sequence
            case .survey(let row): row.sequence
            case .feed(let row): row.sequence
            }
        }
    }

    var rows: [Row] = []
    var nextSequence: Int64 = 1

    private mutating func assign(_ named: Int64?) -> Int64 {
        let sequence = named ?? nextSequence
        nextSequence = max(nextSequence, sequence + 1)
        return sequence
    }

    /// A report for October 2026 unless `period` names another reporting period.
    mutating func material(
        _ unit: String, _ indicator: String, value: Double? = nil, provided: Bool? = nil, period: String = "2026-10", sequence: Int64? = nil
    ) {
        let reporting = try! Period(parsing: period, timeZone: EvaluationFixture.zone)
        let sequence = assign(sequence)
        rows.append(
            .material(
                .init(
                    sequence: sequence, contentHash: EvaluationFixture.hash(Int(sequence)), unit: unit, indicator: indicator,
                    periodStartMilliseconds: reporting.start.unixMilliseconds, periodEndMilliseconds: reporting.end.unixMilliseconds,
                    value: value, provided: provided)))
    }

    mutating func inspection(_ point: String, at milliseconds: Int64 = EvaluationFixture.at(day: 5), _ checks: [(code: String, passed: Bool)]) {
        let sequence = assign(nil)
        rows.append(
            .inspection(
                .init(
                    sequence: sequence, contentHash: EvaluationFixture.hash(Int(sequence)), point: point, observedAtMilliseconds: milliseconds,
                    checks: checks)))
    }

    mutating func survey(
        _ survey: String = "sv", respondent: String, subcommand: String? = nil, at milliseconds: Int64 = EvaluationFixture.at(day: 5),
        duration: UInt32 = 600, _ answers: [(question: String, answer: UInt32)], sequence: Int64? = nil
    ) {
        let sequence = assign(sequence)
        rows.append(
            .survey(
                .init(
                    sequence: sequence, contentHash: EvaluationFixture.hash(Int(sequence)), survey: survey, respondent: respondent,
                    subcommand: subcommand, submittedAtMilliseconds: milliseconds, durationSeconds: duration, answers: answers)))
    }

    mutating func feed(_ metric: String, subcommand: String? = nil, at milliseconds: Int64, _ value: Double, sequence: Int64? = nil) {
        let sequence = assign(sequence)
        rows.append(
            .feed(
                .init(
                    sequence: sequence, contentHash: EvaluationFixture.hash(Int(sequence)), metric: metric, subcommand: subcommand,
                    observedAtMilliseconds: milliseconds, value: value)))
    }

    static func fold(_ rows: some Sequence<Row>, into data: inout EvaluationData) {
        for row in rows {
            switch row {
            case .material(let row): data.add(row)
            case .inspection(let row): data.add(row)
            case .survey(let row): data.add(row)
            case .feed(let row): data.add(row)
            }
        }
    }

    /// Every row folded in, in order, then advanced to the highest sequence.
    func data(minimumDurations: [String: UInt32] = [:], order: [Row]? = nil) -> EvaluationData {
        var data = EvaluationData(period: EvaluationFixture.period, timeZone: EvaluationFixture.zone, surveyMinimumDurations: minimumDurations)
        Self.fold(order ?? rows, into: &data)
        data.advance(to: nextSequence - 1)
        return data
    }
}
