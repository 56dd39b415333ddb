import Foundation

/// The four channels through which data reaches the evaluation (DOMAIN §1, §4).
public enum Channel: String, CaseIterable, Sendable {
    case material
    case inspection
    case survey
    case feed
}

/// An evidence document attached to a material report.
public struct Evidence: Hashable, Sendable {
    public var fileName: String
    /// Lower-case hex SHA-256 of the document's bytes.
    public var sha256: String
    public var size: UInt64
    public var mediaType: String
    /// The bytes themselves, when sent (up to the server's configured size).
    public var content: Data?

    public init(fileName: String, sha256: String, size: UInt64, mediaType: String, content: Data? = nil) {
        self.fileName = fileName
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.content = content
    }
}

/// What a material report carries: a number, or the fact that something was provided.
public enum MaterialValue: Hashable, Sendable {
    case number(Double)
    case provided(Bool)
}

/// A unit's report of one indicator for one reporting period (材料申报).
public struct MaterialReport: Hashable, Sendable {
    public var key: String
    public var unit: String
    public var indicator: String
    public var period: String
    public var value: MaterialValue?
    public var evidence: [Evidence]
    public var note: String

    public init(key: String, unit: String, indicator: String, period: String, value: MaterialValue?, evidence: [Evidence] = [], note: String = "") {
        self.key = key
        self.unit = unit
        self.indicator = indicator
        self.period = period
        self.value = value
        self.evidence = evidence
        self.note = note
    }
}

public struct CheckResult: Hashable, Sendable {
    public var check: String
    public var passed: Bool
    public var note: String

    public init(check: String, passed: Bool, note: String = "") {
        self.check = check
        self.passed = passed
        self.note = note
    }
}

/// An inspector's visit to an inspection point (实地考察).
public struct InspectionRecord: Hashable, Sendable {
    public var key: String
    public var point: String
    public var inspector: String
    public var observedAt: Date
    public var checks: [CheckResult]
    public var photoSHA256: [String]
    public var location: Coordinates?

    public init(
        key: String, point: String, inspector: String, observedAt: Date, checks: [CheckResult],
        photoSHA256: [String] = [], location: Coordinates? = nil
    ) {
        self.key = key
        self.point = point
        self.inspector = inspector
        self.observedAt = observedAt
        self.checks = checks
        self.photoSHA256 = photoSHA256
        self.location = location
    }
}

/// One resident's questionnaire (问卷调查).
public struct SurveyResponse: Hashable, Sendable {
    public var key: String
    public var survey: String
    public var respondent: String
    /// The sub-command (district) the response is attributed to; nil when none.
    public var subcommand: String?
    public var submittedAt: Date
    public var durationSeconds: UInt32
    /// The answers in question order (UTF-8 byte order of the codes), the order canonical
    /// content and storage use; a question given twice stays twice, for the validator to
    /// refuse.
    public private(set) var answers: [SurveyAnswer]

    public init(
        key: String, survey: String, respondent: String, subcommand: String?, submittedAt: Date,
        durationSeconds: UInt32, answers: [SurveyAnswer]
    ) {
        self.key = key
        self.survey = survey
        self.respondent = respondent
        self.subcommand = subcommand
        self.submittedAt = submittedAt
        self.durationSeconds = durationSeconds
        self.answers = SurveyAnswer.inQuestionOrder(answers)
    }
}

/// One answered question of a survey response.
public struct SurveyAnswer: Hashable, Sendable {
    public var question: String
    /// 1…5 when valid.
    public var answer: UInt32

    public init(question: String, answer: UInt32) {
        self.question = question
        self.answer = answer
    }

    /// `answers` sorted by question code bytes, stably. Clients send them in column order,
    /// which is nearly sorted (q1, q2, …, q10 only needs q10 moved): an insertion sort
    /// does that in about one pass.
    static func inQuestionOrder(_ answers: [SurveyAnswer]) -> [SurveyAnswer] {
        var sorted = answers
        var index = 1
        while index < sorted.count {
            let moving = sorted[index]
            var slot = index
            while slot > 0, moving.question.utf8Precedes(sorted[slot - 1].question) {
                sorted[slot] = sorted[slot - 1]
                slot -= 1
            }
            if slot != index { sorted[slot] = moving }
            index += 1
        }
        return sorted
    }
}

extension String {
    /// Byte-wise (UTF-8) order, the one canonical content and storage use; unlike `<`, it
    /// does not depend on Unicode normalization.
    func utf8Precedes(_ other: String) -> Bool {
        var (a, b) = (self, other)
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                return order < 0 || (order == 0 && left.count < right.count)
            }
        }
    }
}

/// A value from the city's digital governance platform (大数据).
public struct FeedPoint: Hashable, Sendable {
    public var key: String
    public var metric: String
    public var source: String
    public var observedAt: Date
    public var value: Double
    /// Nil: city-wide.
    public var subcommand: String?

    public init(key: String, metric: String, source: String, observedAt: Date, value: Double, subcommand: String?) {
        self.key = key
        self.metric = metric
        self.source = source
        self.observedAt = observedAt
        self.value = value
        self.subcommand = subcommand
    }
}
