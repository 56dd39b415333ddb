import CivitasClient
import Foundation
import SwiftProtobuf

extension ConnectionOptions {
    /// Connects with these options, runs `body`, and reports any failure the way every
    /// command does (see ``CommandFailure``).
    public func withConnection(_ body: (CivitasConnection) async throws -> Void) async throws {
        var settings: ConnectionSettings?
        try await CommandFailure.run(nil) {
            settings = try self.settings()
        }
        guard let settings else { return }
        try await CommandFailure.run(settings) {
            try await CivitasConnection.with(settings) { connection in try await body(connection) }
        }
    }
}

extension Terminal {
    /// Prints protobuf messages as JSON with the .proto field names (snake_case), the
    /// same names the wire API documents.
    public static func printJSON(_ message: some SwiftProtobuf.Message) throws {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        options.alwaysPrintEnumsAsInts = false
        let data = try message.jsonUTF8Data(options: options)
        let object = try JSONSerialization.jsonObject(with: data)
        try printJSON(object)
    }
}

/// Reads "when" on the command line: a duration from now (`90d`, `12h`, `30m`) or an
/// ISO 8601 date (`2027-01-01`, midnight UTC) or date-time (`2027-01-01T08:00:00+08:00`).
public enum WhenParser {
    public static func parse(_ text: String, now: Date = Date()) throws(ClientError) -> Date {
        if let unit = text.last, let amount = Double(text.dropLast()), amount > 0 {
            let seconds: Double? = switch unit {
            case "d": amount * 86400
            case "h": amount * 3600
            case "m": amount * 60
            default: nil
            }
            if let seconds { return now.addingTimeInterval(seconds) }
        }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        if let date = try? Date(text + "T00:00:00Z", strategy: .iso8601) { return date }
        throw ClientError("\"\(text)\" is neither a duration (90d, 12h, 30m) nor an ISO 8601 date or date-time.")
    }
}

extension Google_Protobuf_Timestamp {
    /// "2026-11-27T02:00:00Z", or "-" for an unset timestamp.
    public func text(ifSet isSet: Bool) -> String {
        isSet ? date.formatted(.iso8601) : "-"
    }
}
