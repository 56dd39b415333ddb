import ArgumentParser
import CivitasClient
import Foundation
import GRPCCore

/// Runs a command body and turns any failure into one line on stderr and a non-zero
/// exit: the server's own message, with its status, so the person at the terminal sees
/// exactly why a call was refused.
public enum CommandFailure {
    public static func run(_ settings: ConnectionSettings? = nil, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as RPCError {
            Terminal.error(describe(error, settings: settings))
            throw ExitCode(exitCode(for: error.code))
        } catch let error as ClientError {
            Terminal.error(error.message)
            throw ExitCode(1)
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(1)
        }
    }

    static func describe(_ error: RPCError, settings: ConnectionSettings?) -> String {
        var text = "\(statusName(error.code)): \(error.message)"
        if error.code == .unavailable, let settings {
            text += " (is civitasd running at \(settings.endpoint), and do --ca/--insecure match how it serves?)"
        }
        return text
    }

    /// Exit codes scripts can branch on: 3 for credential problems, 4 for refusals of the
    /// request itself, 5 when the server could not be reached, 1 otherwise.
    static func exitCode(for code: RPCError.Code) -> Int32 {
        switch code {
        case .unauthenticated, .permissionDenied: 3
        case .invalidArgument, .failedPrecondition, .alreadyExists, .notFound, .outOfRange: 4
        case .unavailable, .deadlineExceeded: 5
        default: 1
        }
    }

    static func statusName(_ code: RPCError.Code) -> String {
        switch code {
        case .cancelled: "CANCELLED"
        case .unknown: "UNKNOWN"
        case .invalidArgument: "INVALID_ARGUMENT"
        case .deadlineExceeded: "DEADLINE_EXCEEDED"
        case .notFound: "NOT_FOUND"
        case .alreadyExists: "ALREADY_EXISTS"
        case .permissionDenied: "PERMISSION_DENIED"
        case .resourceExhausted: "RESOURCE_EXHAUSTED"
        case .failedPrecondition: "FAILED_PRECONDITION"
        case .aborted: "ABORTED"
        case .outOfRange: "OUT_OF_RANGE"
        case .unimplemented: "UNIMPLEMENTED"
        case .internalError: "INTERNAL"
        case .unavailable: "UNAVAILABLE"
        case .dataLoss: "DATA_LOSS"
        case .unauthenticated: "UNAUTHENTICATED"
        default: "\(code)"
        }
    }
}

/// Writing to the terminal: results to stdout, diagnostics to stderr.
public enum Terminal {
    public static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    public static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    public static func printJSON(_ value: Any) throws {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }
}
