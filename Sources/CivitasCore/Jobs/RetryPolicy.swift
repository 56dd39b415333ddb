/// Capped exponential backoff with jitter: attempt `n` failing waits
/// `min(cap, base · 2^(n-1))`, lengthened by up to `jitter` of itself so that jobs failing
/// together do not retry in lockstep. Jitter only lengthens, so delays keep growing
/// until they reach the cap.
public struct RetryPolicy: Hashable, Sendable {
    public var baseDelay: Double
    public var maximumDelay: Double
    /// 0…1: how much longer than the exponential delay a retry may wait.
    public var jitter: Double

    public init(baseDelay: Double = 15, maximumDelay: Double = 3600, jitter: Double = 0.25) {
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.jitter = min(max(jitter, 0), 1)
    }

    /// Seconds to wait after failed attempt `attempt` (1-based); `random` is in 0..<1.
    public func delay(afterAttempt attempt: Int, random: Double) -> Double {
        let doublings = Double(UInt64(1) << UInt64(min(max(attempt - 1, 0), 52)))
        let exponential = min(maximumDelay, baseDelay * doublings)
        return min(maximumDelay * (1 + jitter), exponential * (1 + jitter * random))
    }

}
