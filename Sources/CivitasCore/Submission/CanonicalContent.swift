import Foundation

/// The canonical bytes of a record's content — everything but its idempotency key — so
/// that "the same key with the same content" has one exact meaning, and so that stored
/// records can be re-hashed later to detect tampering. Strings are length-prefixed,
/// numbers fixed-width big-endian, times whole milliseconds, answers sorted by question: the
/// bytes depend on the content alone, never on field order or the sender's encoder.
public enum CanonicalContent {
    public static func bytes(of report: MaterialReport) -> [UInt8] {
        var writer = Writer(tag: "material")
        writer.string(report.unit)
        writer.string(report.indicator)
        writer.string(report.period)
        switch report.value {
        case nil: writer.byte(0)
        case .number(let number)?: writer.byte(1); writer.double(number)
        case .provided(let flag)?: writer.byte(2); writer.byte(flag ? 1 : 0)
        }
        writer.integer(Int64(report.evidence.count))
        for evidence in report.evidence {
            writer.string(evidence.fileName)
            writer.string(evidence.sha256)
            writer.integer(Int64(evidence.size))
            writer.string(evidence.mediaType)
        }
        writer.string(report.note)
        return writer.bytes
    }

    public static func bytes(of record: InspectionRecord) -> [UInt8] {
        var writer = Writer(tag: "inspection")
        writer.string(record.point)
        writer.string(record.inspector)
        writer.time(record.observedAt)
        writer.integer(Int64(record.checks.count))
        for check in record.checks {
            writer.string(check.check)
            writer.byte(check.passed ? 1 : 0)
            writer.string(check.note)
        }
        writer.integer(Int64(record.photoSHA256.count))
        for photo in record.photoSHA256 { writer.string(photo) }
        if let location = record.location {
            writer.byte(1)
            writer.double(location.latitude)
            writer.double(location.longitude)
        } else {
            writer.byte(0)
        }
        return writer.bytes
    }

    public static func bytes(of response: SurveyResponse) -> [UInt8] {
        var writer = Writer(tag: "survey", capacity: 80 + response.survey.utf8.count + response.respondent.utf8.count
            + (response.subcommand?.utf8.count ?? 0) + response.answers.count * 24)
        writer.string(response.survey)
        writer.string(response.respondent)
        writer.string(response.subcommand ?? "")
        writer.time(response.submittedAt)
        writer.integer(Int64(response.durationSeconds))
        writer.integer(Int64(response.answers.count))
        // Already in question order (see SurveyResponse.answers).
        for answer in response.answers {
            writer.string(answer.question)
            writer.integer(Int64(answer.answer))
        }
        return writer.bytes
    }

    public static func bytes(of point: FeedPoint) -> [UInt8] {
        var writer = Writer(tag: "feed")
        writer.string(point.metric)
        writer.string(point.source)
        writer.time(point.observedAt)
        writer.double(point.value)
        writer.string(point.subcommand ?? "")
        return writer.bytes
    }

    struct Writer {
        var bytes: [UInt8] = []

        /// `capacity`: the bytes the record will take, so the buffer grows once.
        init(tag: String, capacity: Int = 128) {
            bytes.reserveCapacity(capacity)
            string(tag)
        }

        mutating func byte(_ value: UInt8) { bytes.append(value) }

        mutating func integer(_ value: Int64) {
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func double(_ value: Double) {
            integer(Int64(bitPattern: value.bitPattern))
        }

        mutating func time(_ date: Date) { integer(date.unixMilliseconds) }

        mutating func string(_ value: String) {
            integer(Int64(value.utf8.count))
            bytes.append(contentsOf: value.utf8)
        }
    }
}

extension Date {
    /// Whole milliseconds since 1970: the precision Civitas stores times with.
    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }
}
