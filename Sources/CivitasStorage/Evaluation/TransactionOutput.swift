import Synchronization

/// Carries a value out of a write that runs inside the group committer's shared
/// transaction: set there, read once `perform` has returned.
final class TransactionOutput<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    func set(_ value: Value) { stored.withLock { $0 = value } }

    var value: Value? { stored.withLock { $0 } }
}
