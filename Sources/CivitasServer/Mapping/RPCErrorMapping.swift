import CivitasCore
import GRPCCore
import Logging

/// Maps what a handler throws to the status the client sees. Civitas' own errors carry
/// their sentence to the client; anything unexpected is logged here with an incident id
/// and reaches the client as `internal` with that id only, so that no SQL, path or other
/// tenant's data leaks through an error message.
enum RPCErrorMapping {
    static func rpcError(for error: any Error, logger: Logger, method: MethodDescriptor) -> RPCError {
        switch error {
        case let error as RPCError:
            return error
        case let error as CivitasError:
            return RPCError(code: code(for: error.code), message: error.message)
        case is CancellationError:
            return RPCError(code: .cancelled, message: "The call was cancelled.")
        default:
            let incident = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            logger.error(
                "Unexpected error in a call",
                metadata: ["method": "\(method)", "incident": "\(incident)", "error": "\(String(reflecting: error))"]
            )
            return RPCError(code: .internalError, message: "Internal error (incident \(incident) is in the server log).")
        }
    }

    static func code(for code: CivitasError.Code) -> RPCError.Code {
        switch code {
        case .invalidArgument: .invalidArgument
        case .notFound: .notFound
        case .alreadyExists: .alreadyExists
        case .unauthenticated: .unauthenticated
        case .permissionDenied: .permissionDenied
        case .failedPrecondition: .failedPrecondition
        case .resourceExhausted: .resourceExhausted
        case .unavailable: .unavailable
        default: .internalError
        }
    }
}
