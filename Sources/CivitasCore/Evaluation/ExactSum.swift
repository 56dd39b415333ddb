/// A sum of doubles that does not depend on the order of the additions.
///
/// Feed points arrive in whatever order storage streams them, and a re-evaluation folds
/// late points in after the others; a plain running `+=` would give a different last bit
/// for each order, and the canonical result (DOMAIN §5: byte-identical for the same
/// inputs) would change. This keeps Shewchuk's non-overlapping partials (the algorithm of
/// Python's `math.fsum`): the partials hold the exact sum, and ``value`` rounds it once,
/// correctly, so every order of the same multiset of values gives the same double.
///
/// Limits: inputs must be finite and the exact sum must stay below `Double.greatestFiniteMagnitude`
/// (feed values are validated against a finite declared range, so a period would need
/// astronomically many points); past that the result is not finite and the leaf reads it
/// as missing. Memory is a handful of doubles: partials never overlap, so for values of
/// similar magnitude there are one to three of them.
struct ExactSum: Sendable {
    /// Non-overlapping, by increasing magnitude; their exact sum is the sum so far.
    private(set) var partials: [Double] = []

    mutating func add(_ value: Double) {
        var x = value
        var kept = 0
        for index in partials.indices {
            var y = partials[index]
            if abs(x) < abs(y) { swap(&x, &y) }
            let high = x + y
            let low = y - (high - x)
            if low != 0 {
                partials[kept] = low
                kept += 1
            }
            x = high
        }
        if kept < partials.count {
            partials[kept] = x
            partials.removeLast(partials.count - kept - 1)
        } else {
            partials.append(x)
        }
    }

    /// Adds another exact sum (every partial of it, so the result stays exact).
    mutating func add(_ other: ExactSum) {
        for partial in other.partials { add(partial) }
    }

    /// The exact sum rounded once to the nearest double (ties to even); 0 when empty.
    var value: Double {
        var index = partials.count
        guard index > 0 else { return 0 }
        index -= 1
        var high = partials[index]
        var low = 0.0
        while index > 0 {
            let x = high
            index -= 1
            let y = partials[index]
            high = x + y
            low = y - (high - x)
            if low != 0 { break }
        }
        // Round half to even across the remaining partials: when the rounding error `low`
        // and the next partial have the same sign, the true sum lies beyond the halfway
        // point that `high` was rounded from.
        if index > 0, (low < 0 && partials[index - 1] < 0) || (low > 0 && partials[index - 1] > 0) {
            let y = low * 2
            let x = high + y
            if y == x - high { high = x }
        }
        return high
    }
}
