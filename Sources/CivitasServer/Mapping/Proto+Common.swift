import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf

extension Civitas_V1_RecordError {
    init(_ problem: RecordProblem) {
        self.init()
        index = UInt32(clamping: problem.index)
        record = problem.record
        field = problem.field
        reason = problem.reason
    }
}

extension Google_Protobuf_Timestamp {
    /// Nil for an unset timestamp, which the API uses for "none" (never expires, …).
    static func optional(_ date: Date?) -> Google_Protobuf_Timestamp? {
        date.map { Google_Protobuf_Timestamp(date: $0) }
    }
}

/// Page tokens are opaque to clients: the id to continue after, base64-encoded so that
/// nobody is tempted to build one by hand.
enum PageToken {
    static let defaultSize = 100
    static let maximumSize = 1000

    static func encode(_ after: String?) -> String {
        after.map { Data($0.utf8).base64EncodedString() } ?? ""
    }

    static func decode(_ token: String) throws(CivitasError) -> String? {
        guard !token.isEmpty else { return nil }
        guard let data = Data(base64Encoded: token), let after = String(data: data, encoding: .utf8) else {
            throw .invalidArgument("page_token is not a token this server issued.")
        }
        return after
    }

    static func size(_ requested: UInt32) throws(CivitasError) -> Int {
        guard requested <= maximumSize else {
            throw .invalidArgument("page_size \(requested) is larger than the maximum, \(maximumSize).")
        }
        return requested == 0 ? defaultSize : Int(requested)
    }
}
