/// Feed points: per (metric, sub-command or none) and per local day (DOMAIN §3.1).

/// The points of one metric naming one sub-command (or none).
struct FeedSeries: Sendable {
    let metric: String
    let subcommand: String?
    var count = 0
    var sum = ExactSum()
    /// The last point: latest observed time, then highest sequence.
    var lastObservedMilliseconds = Int64.min
    var lastSequence = Int64.min
    var lastValue = 0.0
    /// By day index of the period (``LocalDayIndex``).
    var days: [FeedDay]

    init(metric: String, subcommand: String?, dayCount: Int) {
        self.metric = metric
        self.subcommand = subcommand
        days = Array(repeating: FeedDay(), count: dayCount)
    }

    mutating func add(observedAt milliseconds: Int64, sequence: Int64, value: Double, day: Int) {
        count += 1
        sum.add(value)
        if (milliseconds, sequence) > (lastObservedMilliseconds, lastSequence) {
            (lastObservedMilliseconds, lastSequence, lastValue) = (milliseconds, sequence, value)
        }
        days[day].count += 1
        days[day].sum.add(value)
    }
}

/// One local day of one series.
struct FeedDay: Sendable {
    var count = 0
    var sum = ExactSum()
}

struct FeedTally: Sendable {
    private struct Key: Hashable, Sendable {
        var metric: String
        var subcommand: String?
    }

    let days: LocalDayIndex
    private(set) var series: [FeedSeries] = []
    private var seriesIndex: [Key: Int] = [:]
    /// Points of one series usually come together: the last one is checked first.
    private var lastKey: Key?
    private var lastSeries = 0
    private var dayHint = 0

    init(days: LocalDayIndex) {
        self.days = days
    }

    /// False when the point's time lies outside the period's days.
    mutating func add(_ row: EvaluationRow.Feed) -> Bool {
        guard let day = days.day(of: row.observedAtMilliseconds, hint: &dayHint) else { return false }
        let index: Int
        if let lastKey, lastKey.metric == row.metric, lastKey.subcommand == row.subcommand {
            index = lastSeries
        } else {
            let key = Key(metric: row.metric, subcommand: row.subcommand)
            if let known = seriesIndex[key] {
                index = known
            } else {
                index = series.count
                seriesIndex[key] = index
                series.append(FeedSeries(metric: row.metric, subcommand: row.subcommand, dayCount: days.dayCount))
            }
            lastKey = key
            lastSeries = index
        }
        series[index].add(observedAt: row.observedAtMilliseconds, sequence: row.sequence, value: row.value, day: day)
        return true
    }
}

extension EvaluationData {
    /// Counts when observed in `[period.start, period.end)`; every such point is in the digest.
    public mutating func add(_ row: EvaluationRow.Feed) {
        guard row.sequence > cutoff, inWindow(row.observedAtMilliseconds), feeds.add(row) else { return }
        digest.insert(InputDigest.element(row.contentHash, sequence: row.sequence))
    }
}
