import CivitasCore
import Testing

@Suite("CivitasError")
struct CivitasErrorTests {
    @Test(
        "factories set the code; descriptions read as sentences",
        arguments: [
            (CivitasError.invalidArgument("m"), CivitasError.Code.invalidArgument, "invalid argument: m"),
            (.notFound("m"), .notFound, "not found: m"),
            (.alreadyExists("m"), .alreadyExists, "already exists: m"),
            (.unauthenticated("m"), .unauthenticated, "unauthenticated: m"),
            (.permissionDenied("m"), .permissionDenied, "permission denied: m"),
            (.failedPrecondition("m"), .failedPrecondition, "failed precondition: m"),
            (CivitasError(.resourceExhausted, "m"), .resourceExhausted, "resource exhausted: m"),
            (CivitasError(.unavailable, "m"), .unavailable, "unavailable: m"),
            (CivitasError(.internal, "m"), .internal, "internal: m"),
        ]
    )
    func factories(_ error: CivitasError, _ code: CivitasError.Code, _ description: String) {
        #expect(error.code == code)
        #expect(error.message == "m")
        #expect(error.description == description)
    }

    @Test("codes are distinct (the API edge maps each to its own gRPC status)")
    func distinctCodes() {
        let codes: [CivitasError.Code] = [
            .invalidArgument, .notFound, .alreadyExists, .unauthenticated, .permissionDenied,
            .failedPrecondition, .resourceExhausted, .unavailable, .internal,
        ]
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes.map(\.description)).count == codes.count)
    }

    @Test("errors compare by code and message")
    func equality() {
        #expect(CivitasError.notFound("x") == CivitasError(.notFound, "x"))
        #expect(CivitasError.notFound("x") != CivitasError.notFound("y"))
        #expect(CivitasError.notFound("x") != CivitasError.invalidArgument("x"))
    }
}
