/// The scoring rules as arithmetic (DOMAIN §3.2), and how far a value is from full marks.
extension ScoringRule {
    /// The fraction `f ∈ [0, 1]` of the points that `value` earns:
    /// - threshold: 1 when `value` meets the target (≥ higher-is-better, ≤ lower), else 0;
    /// - linear: `(v − floor) ÷ (target − floor)` (higher) or `(floor − v) ÷ (floor − target)`
    ///   (lower), clamped to [0, 1];
    /// - bands: the largest fraction whose bound `value` meets; 0 when none;
    /// - boolean: 1 when `value` is 1 (provided / true), else 0.
    public func fraction(for value: Double) -> Double {
        switch self {
        case .threshold(let target, let direction):
            return direction.meets(value, target) ? 1 : 0
        case .linear(let floor, let target, let direction):
            let raw =
                switch direction {
                case .higherIsBetter: (value - floor) / (target - floor)
                case .lowerIsBetter: (floor - value) / (floor - target)
                }
            // NaN only when floor = target, which publishing refuses; it earns nothing.
            return raw.isNaN ? 0 : Swift.min(Swift.max(raw, 0), 1)
        case .bands(let bands, let direction):
            var best = 0.0
            for band in bands where direction.meets(value, band.bound) { best = Swift.max(best, band.fraction) }
            return best
        case .boolean:
            return value == 1 ? 1 : 0
        }
    }

    /// How far `value` is from the rule's target in the good direction (0 when it meets
    /// it): threshold and linear, from the target; bands, from the bound of the band with
    /// the highest fraction (of equal fractions, the easiest bound). Nil for boolean.
    public func distanceToTarget(from value: Double) -> Double? {
        switch self {
        case .threshold(let target, let direction), .linear(_, let target, let direction):
            return direction.shortfall(of: value, from: target)
        case .bands(let bands, let direction):
            guard let top = bands.map(\.fraction).max() else { return nil }
            let bounds = bands.filter { $0.fraction == top }.map(\.bound)
            guard let easiest = direction == .higherIsBetter ? bounds.min() : bounds.max() else { return nil }
            return direction.shortfall(of: value, from: easiest)
        case .boolean:
            return nil
        }
    }
}

extension Direction {
    /// `value ≥ bound` when higher is better, `value ≤ bound` when lower is better.
    func meets(_ value: Double, _ bound: Double) -> Bool {
        switch self {
        case .higherIsBetter: value >= bound
        case .lowerIsBetter: value <= bound
        }
    }

    /// `|bound − value|` when `value` falls short of `bound` in this direction, else 0.
    func shortfall(of value: Double, from bound: Double) -> Double {
        meets(value, bound) ? 0 : abs(bound - value)
    }
}
