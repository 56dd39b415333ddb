import CivitasCore
import Foundation

/// A record checked by the validator and ready to store: its position in the request,
/// the SHA-256 of its canonical content, and the local days it lands on.
public struct PreparedRecord<Record: Sendable>: Sendable {
    public var index: Int
    public var record: Record
    public var contentSHA256: Data
    /// First and last local day (`YYYY-MM-DD`) the record's time or reporting period covers.
    public var span: DaySpan
    /// Material reports: the parsed reporting period.
    public var period: Period?

    public init(index: Int, record: Record, contentSHA256: Data, span: DaySpan, period: Period? = nil) {
        self.index = index
        self.record = record
        self.contentSHA256 = contentSHA256
        self.span = span
        self.period = period
    }
}

public struct DaySpan: Hashable, Sendable {
    public var first: String
    public var last: String

    public init(first: String, last: String) {
        self.first = first
        self.last = last
    }
}

/// One batch of one channel, every record already valid on its own.
public enum SubmissionBatch: Sendable {
    case materials([PreparedRecord<MaterialReport>])
    case inspections([PreparedRecord<InspectionRecord>])
    case surveys([PreparedRecord<SurveyResponse>])
    case feeds([PreparedRecord<FeedPoint>])

    public var channel: Channel {
        switch self {
        case .materials: .material
        case .inspections: .inspection
        case .surveys: .survey
        case .feeds: .feed
        }
    }
}

/// What became of a batch: stored whole (minus identical repeats), or refused whole.
public struct SubmissionOutcome: Hashable, Sendable {
    public var stored = 0
    public var repeated = 0
    public var problems: [RecordProblem] = []
    /// The sequence numbers given to the stored records (nil when none were stored).
    public var sequences: ClosedRange<Int64>?

    public init() {}
}
