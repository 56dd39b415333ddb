@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf
import Synchronization
import Testing

/// Progress that records nothing.
struct SilentProgress: UploadProgress {
    func sent(records: Int) {}
    func acknowledged(_ tally: UploadTally) {}
    func retrying(after error: any Error, attempt: Int, of limit: Int, delay: Duration, tally: UploadTally) {}
}

/// A fake server: stores keys once, reports repeats, refuses batches holding a "bad" record,
/// and can drop the connection before or after storing a given call.
final class FakeServer: Sendable {
    struct State {
        var stored: [String] = []
        var calls: [Range<Int>] = []
        var sessions = 0
        var failures: [Int: (storeFirst: Bool, error: RPCError)] = [:]
    }

    let state = Mutex(State())
    let batches: [[String]]

    init(keys: [String], batches ranges: [Range<Int>]) {
        batches = ranges.map { Array(keys[$0]) }
    }

    /// Fails call number `call` (counted from 0): after storing all its batches when `storeFirst`,
    /// else right after its first batch.
    func fail(call: Int, storeFirst: Bool, code: RPCError.Code = .unavailable) {
        state.withLock { $0.failures[call] = (storeFirst, RPCError(code: code, message: "connection reset")) }
    }

    func session(_ body: (UploadDriver.Send) async throws -> Void) async throws {
        state.withLock { $0.sessions += 1 }
        try await body { range, sent in try self.call(range, sent: sent) }
    }

    func call(_ range: Range<Int>, sent: @Sendable (Int) -> Void) throws -> Civitas_V1_SubmitResponse {
        let (number, failure) = state.withLock { state in
            state.calls.append(range)
            return (state.calls.count - 1, state.failures[state.calls.count - 1])
        }
        var reply = Civitas_V1_SubmitResponse()
        for (position, batch) in range.enumerated() {
            sent(position)
            var outcome = Civitas_V1_BatchOutcome()
            outcome.batch = UInt32(position)
            let keys = batches[batch]
            if let bad = keys.firstIndex(where: { $0.hasPrefix("bad") }) {
                outcome.errors = [.with { $0.index = UInt32(bad); $0.record = keys[bad]; $0.field = "value"; $0.reason = "is out of range" }]
                reply.refused += UInt32(keys.count)
            } else {
                state.withLock { state in
                    for key in keys {
                        if state.stored.contains(key) { outcome.repeated += 1 } else { state.stored.append(key); outcome.stored += 1 }
                    }
                }
            }
            reply.batches.append(outcome)
            if let failure, !failure.storeFirst { throw failure.error }
        }
        _ = number
        if let failure { throw failure.error }
        return reply
    }
}

@Suite("Upload driver")
struct UploadDriverTests {
    func retry() -> ReconnectPolicy {
        var policy = ReconnectPolicy()
        policy.sleep = { _ in }
        return policy
    }

    @Test("Batches are planned by count and by bytes")
    func plan() {
        #expect(UploadDriver.plan(sizes: Array(repeating: 1, count: 7), size: 3, maxBytes: 100) == [0..<3, 3..<6, 6..<7])
        #expect(UploadDriver.plan(sizes: [40, 40, 40, 200, 10], size: 10, maxBytes: 100) == [0..<2, 2..<3, 3..<4, 4..<5])
        #expect(UploadDriver.plan(sizes: [], size: 3, maxBytes: 100).isEmpty)
    }

    @Test("Unary: a call dropped after the server stored it is re-sent; every row is stored once and booked once")
    func unaryResume() async throws {
        let keys = (0..<10).map { "k\($0)" }
        let batches = UploadDriver.plan(sizes: Array(repeating: 1, count: 10), size: 3, maxBytes: 100)
        let server = FakeServer(keys: keys, batches: batches)
        server.fail(call: 1, storeFirst: true)
        let driver = UploadDriver(batches: batches, batchesPerCall: 1, retry: retry())
        var tally = UploadTally(records: 10, batches: batches.count)
        try await driver.run(tally: &tally, progress: SilentProgress(), session: server.session)
        let state = server.state.withLock { $0 }
        #expect(state.stored == keys)
        #expect(state.calls == [0..<1, 1..<2, 1..<2, 2..<3, 3..<4])
        #expect(state.sessions == 2)
        #expect(tally.stored == 7 && tally.repeated == 3 && tally.repeatedAfterRetry == 3 && tally.refused == 0)
        #expect(tally.acknowledged == 10 && tally.acknowledgedBatches == 4 && tally.retries == 1)
    }

    @Test("Streaming: a stream dropped mid-way is re-sent from its first batch, after backoff")
    func streamResume() async throws {
        let keys = (0..<20).map { "k\($0)" }
        let batches = UploadDriver.plan(sizes: Array(repeating: 1, count: 20), size: 2, maxBytes: 100)
        let server = FakeServer(keys: keys, batches: batches)
        // The second stream (batches 4..<8) dies after its first batch was stored.
        server.fail(call: 1, storeFirst: false)
        let delays = Mutex<[Duration]>([])
        var policy = retry()
        policy.sleep = { delay in delays.withLock { $0.append(delay) } }
        let driver = UploadDriver(batches: batches, batchesPerCall: 4, retry: policy)
        var tally = UploadTally(records: 20, batches: batches.count)
        try await driver.run(tally: &tally, progress: SilentProgress(), session: server.session)
        #expect(server.state.withLock { $0.stored } == keys)
        #expect(server.state.withLock { $0.calls } == [0..<4, 4..<8, 4..<8, 8..<10])
        #expect(tally.stored == 18 && tally.repeated == 2 && tally.repeatedAfterRetry == 2)
        #expect(tally.acknowledgedBatches == 10 && tally.acknowledged == 20)
        #expect(delays.withLock { $0 } == [.milliseconds(500)])
    }

    @Test("A refused batch is booked whole, with the record's index in the file")
    func refusal() async throws {
        let keys = ["a", "b", "c", "bad-d", "e", "f"]
        let batches = UploadDriver.plan(sizes: Array(repeating: 1, count: 6), size: 2, maxBytes: 100)
        let server = FakeServer(keys: keys, batches: batches)
        let driver = UploadDriver(batches: batches, batchesPerCall: 1, retry: retry())
        var tally = UploadTally(records: 6, batches: 3)
        try await driver.run(tally: &tally, progress: SilentProgress(), session: server.session)
        #expect(tally.stored == 4 && tally.refused == 2 && tally.refusedBatches == [1])
        #expect(tally.refusals == [.init(item: 3, record: "bad-d", field: "value", reason: "is out of range")])
        #expect(server.state.withLock { $0.stored } == ["a", "b", "e", "f"])
    }

    @Test("Errors a reconnect cannot fix stop at once; retries are bounded")
    func gives_up() async throws {
        let batches = [0..<1, 1..<2]
        let server = FakeServer(keys: ["a", "b"], batches: batches)
        server.fail(call: 1, storeFirst: false, code: .permissionDenied)
        var tally = UploadTally(records: 2, batches: 2)
        await #expect(throws: RPCError.self) {
            try await UploadDriver(batches: batches, batchesPerCall: 1, retry: retry())
                .run(tally: &tally, progress: SilentProgress(), session: server.session)
        }
        #expect(tally.acknowledgedBatches == 1 && server.state.withLock { $0.calls.count } == 2)

        let always = FakeServer(keys: ["a"], batches: [0..<1])
        for call in 0..<20 { always.fail(call: call, storeFirst: false) }
        var policy = retry()
        policy.maxRetries = 3
        policy.maxRetriesBeforeFirstSuccess = 10
        var second = UploadTally(records: 1, batches: 1)
        await #expect(throws: RPCError.self) {
            try await UploadDriver(batches: [0..<1], batchesPerCall: 1, retry: policy)
                .run(tally: &second, progress: SilentProgress(), session: always.session)
        }
        #expect(always.state.withLock { $0.calls.count } == 4 && second.retries == 3)
    }

    @Test("A server that was never reached is given up on after two quick retries")
    func neverReached() async throws {
        let server = FakeServer(keys: ["a"], batches: [0..<1])
        for call in 0..<20 { server.fail(call: call, storeFirst: false) }
        var tally = UploadTally(records: 1, batches: 1)
        await #expect(throws: RPCError.self) {
            try await UploadDriver(batches: [0..<1], batchesPerCall: 1, retry: retry())
                .run(tally: &tally, progress: SilentProgress(), session: server.session)
        }
        #expect(server.state.withLock { $0.calls.count } == 3 && tally.retries == 2)
    }

    @Test("Backoff doubles up to the cap")
    func backoff() {
        let policy = ReconnectPolicy()
        #expect((1...9).map { policy.delay(afterFailure: $0) } == [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30), .seconds(30),
        ])
    }

    @Test("Replies numbering batches from 1, or by order, or with totals only, are booked")
    func replyShapes() {
        var tally = UploadTally(records: 4, batches: 2)
        let reply = Civitas_V1_SubmitResponse.with {
            $0.batches = [.with { $0.batch = 2; $0.stored = 2 }, .with { $0.batch = 1; $0.repeated = 2 }]
        }
        tally.book(reply, first: 0, ranges: [0..<2, 2..<4], resent: [])
        #expect(tally.stored == 2 && tally.repeated == 2 && tally.acknowledgedBatches == 2)

        var totals = UploadTally(records: 3, batches: 1)
        totals.book(.with { $0.stored = 3 }, first: 0, ranges: [0..<3], resent: [])
        #expect(totals.stored == 3 && totals.acknowledged == 3)
    }
}
