import CivitasClient
import CivitasProtos
import SwiftProtobuf

/// A record of one of the four channels: the generated message, how a CSV row becomes one,
/// and how batches of them travel to the server.
public protocol SubmissionRecord: SwiftProtobuf.Message, Sendable {
    /// The client idempotency key.
    var key: String { get set }

    static var channel: SubmissionChannel { get }

    /// The CSV columns, for help texts and errors.
    static var csvColumns: String { get }

    /// Reads every row of a CSV file (a missing required column throws; a bad row becomes
    /// a problem and the rest is read).
    static func read(csv table: CSVTable, context: SubmissionReadContext) throws -> ParsedSubmission<Self>

    /// Sends `batches` in one call (unary channels get exactly one batch); `sent(i)` after
    /// batch `i` of them has been handed to the transport.
    static func submit(
        _ batches: [[Self]], over civitas: CivitasConnection, tenant: String, dryRun: Bool,
        sent: @escaping @Sendable (Int) -> Void
    ) async throws -> Civitas_V1_SubmitResponse

    /// Clears what must not influence a derived key (evidence bytes).
    mutating func normalizeForKey()

    /// Bytes the record adds to a request, to keep requests under the server's limit.
    var approximateSize: Int { get }
}

extension SubmissionRecord {
    public mutating func normalizeForKey() {}

    public var approximateSize: Int { 256 }
}
