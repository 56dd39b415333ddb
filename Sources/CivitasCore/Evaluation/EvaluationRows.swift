/// The columns of stored records an evaluation reads, as storage streams them into an
/// ``EvaluationData``. Times are whole milliseconds since 1970 (UTC), as stored.
public enum EvaluationRow {
    public struct Material: Sendable {
        public var sequence: Int64
        public var contentHash: ContentHash
        public var unit: String
        public var indicator: String
        /// The reporting period's `[start, end)`.
        public var periodStartMilliseconds: Int64
        public var periodEndMilliseconds: Int64
        public var value: Double?
        public var provided: Bool?

        public init(
            sequence: Int64, contentHash: ContentHash, unit: String, indicator: String, periodStartMilliseconds: Int64,
            periodEndMilliseconds: Int64, value: Double?, provided: Bool?
        ) {
            self.sequence = sequence
            self.contentHash = contentHash
            self.unit = unit
            self.indicator = indicator
            self.periodStartMilliseconds = periodStartMilliseconds
            self.periodEndMilliseconds = periodEndMilliseconds
            self.value = value
            self.provided = provided
        }
    }

    public struct Inspection: Sendable {
        public var sequence: Int64
        public var contentHash: ContentHash
        public var point: String
        public var observedAtMilliseconds: Int64
        public var checks: [(code: String, passed: Bool)]

        public init(sequence: Int64, contentHash: ContentHash, point: String, observedAtMilliseconds: Int64, checks: [(code: String, passed: Bool)]) {
            self.sequence = sequence
            self.contentHash = contentHash
            self.point = point
            self.observedAtMilliseconds = observedAtMilliseconds
            self.checks = checks
        }
    }

    public struct Survey: Sendable {
        public var sequence: Int64
        public var contentHash: ContentHash
        public var survey: String
        public var respondent: String
        public var subcommand: String?
        public var submittedAtMilliseconds: Int64
        public var durationSeconds: UInt32
        public var answers: [(question: String, answer: UInt32)]

        public init(
            sequence: Int64, contentHash: ContentHash, survey: String, respondent: String, subcommand: String?,
            submittedAtMilliseconds: Int64, durationSeconds: UInt32, answers: [(question: String, answer: UInt32)]
        ) {
            self.sequence = sequence
            self.contentHash = contentHash
            self.survey = survey
            self.respondent = respondent
            self.subcommand = subcommand
            self.submittedAtMilliseconds = submittedAtMilliseconds
            self.durationSeconds = durationSeconds
            self.answers = answers
        }
    }

    public struct Feed: Sendable {
        public var sequence: Int64
        public var contentHash: ContentHash
        public var metric: String
        public var subcommand: String?
        public var observedAtMilliseconds: Int64
        public var value: Double

        public init(sequence: Int64, contentHash: ContentHash, metric: String, subcommand: String?, observedAtMilliseconds: Int64, value: Double) {
            self.sequence = sequence
            self.contentHash = contentHash
            self.metric = metric
            self.subcommand = subcommand
            self.observedAtMilliseconds = observedAtMilliseconds
            self.value = value
        }
    }
}

/// A stored record's `content_sha256` (32 bytes) as four words, cheap to copy and add.
public struct ContentHash: Hashable, Sendable {
    public var words: (UInt64, UInt64, UInt64, UInt64)

    public init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// From 32 bytes, big-endian words. Nil for any other length.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == 32 else { return nil }
        var words: [UInt64] = []
        var word: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            word = word << 8 | UInt64(byte)
            if index % 8 == 7 {
                words.append(word)
                word = 0
            }
        }
        self.words = (words[0], words[1], words[2], words[3])
    }

    public static func == (a: Self, b: Self) -> Bool { a.words == b.words }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
