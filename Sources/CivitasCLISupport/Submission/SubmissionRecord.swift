import CivitasClient
import CivitasProtos
import SwiftProtobuf

/// A record of one of the four channels: the generated message, how CSV rows become
/// records, and how batches of them travel to the server.
public protocol SubmissionRecord: SwiftProtobuf.Message, Sendable {
    /// The client idempotency key.
    var key: String { get set }

    static var channel: SubmissionChannel { get }

    /// The CSV columns, for help texts and errors.
    static var csvColumns: String { get }

    /// The reader of this channel's CSV rows for a file with `header` (a missing required
    /// column throws: the whole file is refused before anything is sent).
    static func csvReader(header: [String], context: SubmissionReadContext) throws -> any CSVRecordReader<Self>

    /// Sends the batches `call` hands out, in one call (unary channels get exactly one).
    static func submit(
        _ call: UploadCall<Self>, over civitas: CivitasConnection, tenant: String, dryRun: Bool
    ) async throws -> Civitas_V1_SubmitResponse

    /// Clears what must not influence a derived key (evidence bytes), and puts what may
    /// come in any order in one order.
    mutating func normalizeForKey()

    /// Rewrites a JSON Lines object from a handier form to the proto's JSON mapping;
    /// `mayNeedRewrite` says cheaply whether a line may need it at all.
    static func rewriteJSON(_ object: inout [String: Any])
    static func mayNeedJSONRewrite(_ line: String) -> Bool

    /// Bytes the record adds to a request, to keep requests under the server's limit.
    var approximateSize: Int { get }
}

extension SubmissionRecord {
    public mutating func normalizeForKey() {}

    public static func rewriteJSON(_ object: inout [String: Any]) {}

    public static func mayNeedJSONRewrite(_ line: String) -> Bool { false }

    public var approximateSize: Int { 256 }
}
