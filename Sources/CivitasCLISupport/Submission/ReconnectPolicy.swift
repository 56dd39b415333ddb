/// How often and how long to wait before reconnecting.
public struct ReconnectPolicy: Sendable {
    public var maxRetries = 8
    /// Reconnects allowed before the first call of the upload succeeded.
    public var maxRetriesBeforeFirstSuccess = 2
    public var initialDelay: Duration = .milliseconds(500)
    public var maxDelay: Duration = .seconds(30)
    public var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    public init() {}

    /// 0.5 s, 1 s, 2 s, … capped at `maxDelay`.
    public func delay(afterFailure failure: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, failure) {
            delay = delay * 2
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }
}
