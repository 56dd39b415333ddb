// STUB: the engine helper replaces this file. Signatures are the contract.

/// Evaluates scopes of one framework over one period's data (DOMAIN §3.1–§3.3, §5).
public struct Evaluator: Sendable {
    public init(framework: PublishedFramework, organization: OrganizationSnapshot, data: EvaluationData) {}

    public func evaluate(_ scope: EvaluationScope) -> EvaluationOutcome { preconditionFailure("stub") }
}

extension EvaluationOutcome {
    /// Deterministic bytes: sorted keys, shortest round-trip doubles, no whitespace.
    public func canonicalJSON() -> [UInt8] { preconditionFailure("stub") }

    public init(canonicalJSON bytes: [UInt8]) throws(CivitasError) { preconditionFailure("stub") }
}
