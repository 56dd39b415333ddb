import CivitasCore
import Foundation
internal import GRDB

/// Streams the records of one period into an ``EvaluationData``: those with sequence in
/// `(after, cutoff]` whose time lies in the period (observed time for inspections and
/// feeds, submitted time for surveys), and material reports whose reporting period lies
/// inside it (DOMAIN §3.1). Rows are read in sequence order, so the same records always
/// fold in the same order.
enum EvaluationRecordReader {
    static func fold(into data: inout EvaluationData, after: Int64, through cutoff: Int64, _ db: Database) throws {
        guard cutoff > after else { return }
        let window = [after, cutoff, data.period.start.unixMilliseconds, data.period.end.unixMilliseconds]
        try materials(into: &data, window, db)
        try inspections(into: &data, window, db)
        try surveys(into: &data, window, db)
        try feeds(into: &data, window, db)
    }

    private static func materials(into data: inout EvaluationData, _ window: [Int64], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT sequence, content_sha256, unit_id, indicator, period_start, period_end, value, provided
            FROM material_report WHERE sequence > ? AND sequence <= ? AND period_start >= ? AND period_end <= ?
            ORDER BY sequence
            """)
        try RowStream(statement, arguments: window).forEach { row in
            data.add(EvaluationRow.Material(
                sequence: row.int64(0), contentHash: try row.contentHash(1), unit: row.text(2), indicator: row.text(3),
                periodStartMilliseconds: row.int64(4), periodEndMilliseconds: row.int64(5), value: row.optionalDouble(6),
                provided: row.optionalBool(7)
            ))
        }
    }

    /// One row per check, grouped back into records (checks in their stored order).
    private static func inspections(into data: inout EvaluationData, _ window: [Int64], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT r.sequence, r.content_sha256, r.point_id, r.observed_at, c.check_code, c.passed
            FROM inspection_record r LEFT JOIN inspection_check c ON c.sequence = r.sequence
            WHERE r.sequence > ? AND r.sequence <= ? AND r.observed_at >= ? AND r.observed_at < ?
            ORDER BY r.sequence, c.position
            """)
        var current: EvaluationRow.Inspection?
        try RowStream(statement, arguments: window).forEach { row in
            let sequence = row.int64(0)
            if current?.sequence != sequence {
                if let finished = current { data.add(finished) }
                current = EvaluationRow.Inspection(
                    sequence: sequence, contentHash: try row.contentHash(1), point: row.text(2), observedAtMilliseconds: row.int64(3), checks: []
                )
            }
            if !row.isNull(4) { current?.checks.append((code: row.text(4), passed: row.int64(5) != 0)) }
        }
        if let finished = current { data.add(finished) }
    }

    private static func surveys(into data: inout EvaluationData, _ window: [Int64], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT sequence, content_sha256, survey, respondent, subcommand_id, submitted_at, duration_seconds, answers
            FROM survey_response WHERE sequence > ? AND sequence <= ? AND submitted_at >= ? AND submitted_at < ?
            ORDER BY sequence
            """)
        try RowStream(statement, arguments: window).forEach { row in
            data.add(EvaluationRow.Survey(
                sequence: row.int64(0), contentHash: try row.contentHash(1), survey: row.text(2), respondent: row.text(3),
                subcommand: row.optionalText(4), submittedAtMilliseconds: row.int64(5), durationSeconds: UInt32(clamping: row.int64(6)),
                answers: StoredAnswers.parse(row.bytes(7))
            ))
        }
    }

    private static func feeds(into data: inout EvaluationData, _ window: [Int64], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            SELECT sequence, content_sha256, metric, subcommand_id, observed_at, value
            FROM feed_point WHERE sequence > ? AND sequence <= ? AND observed_at >= ? AND observed_at < ?
            ORDER BY sequence
            """)
        try RowStream(statement, arguments: window).forEach { row in
            data.add(EvaluationRow.Feed(
                sequence: row.int64(0), contentHash: try row.contentHash(1), metric: row.text(2), subcommand: row.optionalText(3),
                observedAtMilliseconds: row.int64(4), value: row.double(5)
            ))
        }
    }
}

/// Survey answers as `survey_response.answers` stores them (`q1=4;q2=5`, sorted by
/// question; see ``SurveyAnswers``), parsed from the column's bytes without an
/// intermediate string per pair.
enum StoredAnswers {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [(question: String, answer: UInt32)] {
        var answers: [(question: String, answer: UInt32)] = []
        var start = 0
        var equals = -1
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: ";")
            if byte == UInt8(ascii: "=") {
                if equals < 0 { equals = index }
            } else if byte == UInt8(ascii: ";") {
                if equals > start, let answer = number(bytes, from: equals + 1, to: index) {
                    answers.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<equals]), as: UTF8.self), answer))
                }
                start = index + 1
                equals = -1
            }
        }
        return answers
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt32? {
        guard start < end else { return nil }
        var value: UInt32 = 0
        for index in start..<end {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(UInt32(digit))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }
}
