import CivitasCore
import Foundation
internal import GRDB

/// The two large channels, streamed: a survey wave can be most of a million records, so
/// each response is judged from its columns' bytes and only what a rule can flag (or a
/// source-consistency leaf measures) becomes a row (see ``CrossCheckInput/surveys``).
extension CrossCheckReader {
    private struct RespondentKey: Hashable {
        var survey: Int
        var respondent: String
    }

    mutating func surveys(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT sequence, survey, respondent, subcommand_id, submitted_at, duration_seconds, answers, received_at, content_sha256
            FROM survey_response WHERE sequence <= ? AND submitted_at >= ? AND submitted_at < ? ORDER BY sequence
            """)
        let minimums = plan.surveyMinimums
        var codes = InternedCodes()
        // Per survey index: its minimum duration, and whether a source-consistency leaf measures it.
        var surveyMinimums: [UInt32?] = []
        var measuredSurveys: [Bool] = []
        var firstResponse: [RespondentKey: Int64] = [:]
        var repeated = Set<Int64>()
        var kept = Set<Int64>()
        var answers: [UInt32] = []
        answers.reserveCapacity(32)
        try RowStream(statement, arguments: [input.cutoff, plan.periodStart, plan.periodEnd]).forEach { row in
            input.recordsRead += 1
            let sequence = row.int64(0)
            let survey = codes.index(of: row.bytes(1))
            if survey == surveyMinimums.count {
                surveyMinimums.append(minimums[codes.code(survey)])
                measuredSurveys.append(plan.peers.surveys.contains(codes.code(survey)))
            }
            var flagged = false
            if plan.surveyIntegrity {
                answers.removeAll(keepingCapacity: true)
                AnswerValues.collect(row.bytes(6), into: &answers)
                let tooFast = surveyMinimums[survey].map {
                    SurveyIntegrity.isTooFast(durationSeconds: UInt32(clamping: row.int64(5)), minimumSeconds: $0)
                }
                flagged = SurveyIntegrity.isStraightLined(answers) || tooFast == true
                let key = RespondentKey(survey: survey, respondent: row.text(2))
                if let first = firstResponse[key] {
                    repeated.insert(first)
                    repeated.insert(sequence)
                } else {
                    firstResponse[key] = sequence
                }
            }
            let measured = measuredSurveys[survey]
            if flagged || measured {
                let response = try Self.survey(row, code: codes.code(survey))
                if flagged {
                    input.surveys.append(response)
                    kept.insert(sequence)
                }
                if measured { input.peerData?.add(response) }
            }
            if plan.lateness, row.int64(7) > plan.deadline {
                input.lateReceipts.append(LatenessRule.Receipt(
                    sequence: sequence, channel: .survey, receivedAtMilliseconds: row.int64(7), code: codes.code(survey), unit: nil,
                    subcommand: row.optionalText(3)))
            }
        }
        // The other responses of the repeated respondent keys, read again by sequence.
        let again = try db.cachedStatement(sql: """
            SELECT sequence, survey, respondent, subcommand_id, submitted_at, duration_seconds, answers, received_at, content_sha256
            FROM survey_response WHERE sequence = ?
            """)
        for sequence in repeated.subtracting(kept).sorted() {
            try RowStream(again, arguments: [sequence]).forEach { row in
                input.surveys.append(try Self.survey(row, code: row.text(1)))
            }
        }
        input.surveys.sort { $0.sequence < $1.sequence }
    }

    private static func survey(_ row: RowStream, code: String) throws -> EvaluationRow.Survey {
        EvaluationRow.Survey(
            sequence: row.int64(0), contentHash: try row.contentHash(8), survey: code, respondent: row.text(2), subcommand: row.optionalText(3),
            submittedAtMilliseconds: row.int64(4), durationSeconds: UInt32(clamping: row.int64(5)), answers: StoredAnswers.parse(row.bytes(6)))
    }

    mutating func feeds(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT sequence, metric, subcommand_id, observed_at, value, received_at, content_sha256
            FROM feed_point WHERE sequence <= ? AND observed_at >= ? AND observed_at < ? ORDER BY sequence
            """)
        var codes = InternedCodes()
        // Per metric index: folded for a leaf, summed as an unmeasured peer metric.
        var roles: [(folded: Bool, summed: Bool)] = []
        try RowStream(statement, arguments: [input.cutoff, plan.periodStart, plan.periodEnd]).forEach { row in
            input.recordsRead += 1
            let metric = codes.index(of: row.bytes(1))
            if metric == roles.count {
                let code = codes.code(metric)
                roles.append((plan.peers.feedMetrics.contains(code), plan.peers.unmeasuredFeedMetrics.contains(code)))
            }
            let code = codes.code(metric)
            if roles[metric].folded {
                input.peerData?.add(EvaluationRow.Feed(
                    sequence: row.int64(0), contentHash: try row.contentHash(6), metric: code, subcommand: row.optionalText(2),
                    observedAtMilliseconds: row.int64(3), value: row.double(4)))
            }
            if roles[metric].summed {
                let value = row.double(4)
                let subcommand = row.optionalText(2)
                for key in [CrossCheckInput.FeedMeanKey(metric: code, subcommand: nil)]
                    + (subcommand.map { [CrossCheckInput.FeedMeanKey(metric: code, subcommand: $0)] } ?? [])
                {
                    input.feedSums[key, default: (0, 0)].sum += value
                    input.feedSums[key, default: (0, 0)].count += 1
                }
            }
            if plan.lateness, row.int64(5) > plan.deadline {
                input.lateReceipts.append(LatenessRule.Receipt(
                    sequence: row.int64(0), channel: .feed, receivedAtMilliseconds: row.int64(5), code: code, unit: nil,
                    subcommand: row.optionalText(2)))
            }
        }
    }
}
