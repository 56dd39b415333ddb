/// The one error type of Civitas' own modules.
///
/// `code` says what kind of failure it is (the API edge maps it to a gRPC status);
/// `message` is a full sentence for the person who made the request. Messages name the
/// record and field at fault but never carry another tenant's data.
public struct CivitasError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case invalidArgument = "invalid argument"
            case notFound = "not found"
            case alreadyExists = "already exists"
            case unauthenticated
            case permissionDenied = "permission denied"
            case failedPrecondition = "failed precondition"
            case resourceExhausted = "resource exhausted"
            case unavailable
            case `internal`
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        public static let invalidArgument = Code(.invalidArgument)
        public static let notFound = Code(.notFound)
        public static let alreadyExists = Code(.alreadyExists)
        public static let unauthenticated = Code(.unauthenticated)
        public static let permissionDenied = Code(.permissionDenied)
        public static let failedPrecondition = Code(.failedPrecondition)
        public static let resourceExhausted = Code(.resourceExhausted)
        public static let unavailable = Code(.unavailable)
        public static let `internal` = Code(.internal)

        public var description: String { wrapped.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    public static func invalidArgument(_ message: String) -> CivitasError { .init(.invalidArgument, message) }
    public static func notFound(_ message: String) -> CivitasError { .init(.notFound, message) }
    public static func alreadyExists(_ message: String) -> CivitasError { .init(.alreadyExists, message) }
    public static func unauthenticated(_ message: String) -> CivitasError { .init(.unauthenticated, message) }
    public static func permissionDenied(_ message: String) -> CivitasError { .init(.permissionDenied, message) }
    public static func failedPrecondition(_ message: String) -> CivitasError { .init(.failedPrecondition, message) }
}
