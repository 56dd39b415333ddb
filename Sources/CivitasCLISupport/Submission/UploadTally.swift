import CivitasProtos
import SwiftProtobuf

/// What the server said about an upload so far, batch by batch. Every batch is counted
/// once, from the reply that acknowledged it, however many times it had to be sent.
public struct UploadTally: Sendable, Equatable {
    /// A record the server refused (`item` indexes the whole file's records).
    public struct Refusal: Sendable, Equatable {
        public var item: Int
        public var record: String
        public var field: String
        public var reason: String
    }

    /// The file's records and batches (known once it has been read to the end).
    public var records: Int
    public var batches: Int
    /// Batches acknowledged (stored, repeated or refused).
    public var acknowledgedBatches = 0
    /// Records of acknowledged batches.
    public var acknowledged = 0
    public var stored = 0
    public var repeated = 0
    /// Records of refused batches (nothing of such a batch is stored).
    public var refused = 0
    /// Repeats in batches that were re-sent after an interrupted call: most likely stored
    /// by the interrupted attempt itself.
    public var repeatedAfterRetry = 0
    /// Reconnects after UNAVAILABLE / DEADLINE_EXCEEDED / a dropped connection.
    public var retries = 0
    public var refusals: [Refusal] = []
    /// Indexes of refused batches.
    public var refusedBatches: [Int] = []

    public init(records: Int = 0, batches: Int = 0) {
        self.records = records
        self.batches = batches
    }

    /// Books one batch's outcome. `items` is the batch's range of records in the file.
    mutating func book(_ outcome: Civitas_V1_BatchOutcome, batch: Int, items: Range<Int>, resent: Bool) {
        acknowledgedBatches += 1
        acknowledged += items.count
        if outcome.errors.isEmpty {
            stored += Int(outcome.stored)
            repeated += Int(outcome.repeated)
            if resent { repeatedAfterRetry += Int(outcome.repeated) }
            return
        }
        refused += items.count
        refusedBatches.append(batch)
        for error in outcome.errors {
            let index = Int(error.index)
            let item = index < items.count ? items.lowerBound + index : items.lowerBound
            refusals.append(Refusal(item: item, record: error.record, field: error.field, reason: error.reason))
        }
    }

    /// Books a call's reply for the batches `first..<first+ranges.count`. Outcomes are
    /// matched by their `batch` number (zero-based within the call, or one-based), else by
    /// their order; a reply without per-batch outcomes is booked from its totals.
    mutating func book(_ reply: Civitas_V1_SubmitResponse, first: Int, ranges: [Range<Int>], resent: Set<Int>) {
        let count = ranges.count
        var outcomes = [Civitas_V1_BatchOutcome?](repeating: nil, count: count)
        let numbers = reply.batches.map { Int($0.batch) }
        if Set(numbers).count == numbers.count, numbers.allSatisfy({ $0 < count }) {
            for outcome in reply.batches { outcomes[Int(outcome.batch)] = outcome }
        } else if Set(numbers).count == numbers.count, numbers.allSatisfy({ $0 >= 1 && $0 <= count }) {
            for outcome in reply.batches { outcomes[Int(outcome.batch) - 1] = outcome }
        } else {
            for (position, outcome) in reply.batches.prefix(count).enumerated() { outcomes[position] = outcome }
        }
        if reply.batches.isEmpty, count == 1 {
            outcomes[0] = .with { $0.stored = reply.stored; $0.repeated = reply.repeated }
            if reply.refused > 0 {
                outcomes[0]?.errors = [.with { $0.reason = "the batch was refused (the server named no record)" }]
            }
        }
        for position in 0..<count {
            let batch = first + position
            if let outcome = outcomes[position] {
                book(outcome, batch: batch, items: ranges[position], resent: resent.contains(batch))
            } else if reply.batches.isEmpty {
                // Totals only: count the batch as acknowledged; the totals are added below.
                acknowledgedBatches += 1
                acknowledged += ranges[position].count
            } else {
                // The server acknowledged the call but said nothing of this batch.
                book(
                    .with { $0.errors = [.with { $0.reason = "the server's reply did not mention this batch" }] },
                    batch: batch, items: ranges[position], resent: false
                )
            }
        }
        if reply.batches.isEmpty, count > 1 {
            stored += Int(reply.stored)
            repeated += Int(reply.repeated)
            refused += Int(reply.refused)
        }
    }
}
