@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import GRPCCore
import SwiftProtobuf
import Synchronization
import Testing

/// Progress that records nothing.
struct SilentProgress: UploadProgress {
    func sent(records: Int, through offset: Int) {}
    func acknowledged(_ tally: UploadTally, through offset: Int) {}
    func retrying(after error: any Error, attempt: Int, of limit: Int, delay: Duration, tally: UploadTally) {}
    func print(_ line: String) {}
}

/// The batches of `keys` split at `ranges`, as a reader would hand them out.
func keyBatches(_ keys: [String], _ ranges: [Range<Int>]) -> [UploadBatch<String>] {
    ranges.enumerated().map { UploadBatch(number: $0.offset, first: $0.element.lowerBound, records: Array(keys[$0.element])) }
}

/// A source handing out `batches` in order, counting what it handed out.
final class BatchList: Sendable {
    let batches: [UploadBatch<String>]
    let pulled = Mutex(0)

    init(_ batches: [UploadBatch<String>]) { self.batches = batches }

    var source: UploadDriver<String>.Source {
        { [self] in
            pulled.withLock { count -> UploadBatch<String>? in
                guard count < batches.count else { return nil }
                count += 1
                return batches[count - 1]
            }
        }
    }
}

/// A fake server: stores keys once, reports repeats, refuses batches holding a "bad" record,
/// and can drop the connection before or after storing a given call. It reads a call's
/// batches first (as many as the call hands out), then answers.
final class FakeServer: Sendable {
    struct State {
        var stored: [String] = []
        var calls: [Range<Int>] = []
        var sessions = 0
        var failures: [Int: (storeFirst: Bool, error: RPCError)] = [:]
    }

    let state = Mutex(State())
    /// Runs after call number N was read and answered, before the reply goes back.
    let afterCall: @Sendable (Int) async throws -> Void

    init(afterCall: @escaping @Sendable (Int) async throws -> Void = { _ in }) {
        self.afterCall = afterCall
    }

    /// Fails call number `call` (counted from 0): after storing all its batches when `storeFirst`,
    /// else right after its first batch.
    func fail(call: Int, storeFirst: Bool, code: RPCError.Code = .unavailable) {
        state.withLock { $0.failures[call] = (storeFirst, RPCError(code: code, message: "connection reset")) }
    }

    func session<Record>(_ body: (UploadDriver<Record>.Send) async throws -> Void) async throws {
        state.withLock { $0.sessions += 1 }
        try await body { call in try await self.call(call) }
    }

    /// The keys of a batch's records (records of tests are keys; the channels' have a key).
    func keys<Record>(_ batch: UploadBatch<Record>) -> [String] {
        batch.records.map { ($0 as? String) ?? ($0 as? any SubmissionRecord)?.key ?? "" }
    }

    func call<Record>(_ call: UploadCall<Record>) async throws -> Civitas_V1_SubmitResponse {
        var batches: [UploadBatch<Record>] = []
        while let batch = try await call.next() { batches.append(batch) }
        let (number, failure) = state.withLock { state in
            state.calls.append(batches.first!.number..<batches.last!.number + 1)
            return (state.calls.count - 1, state.failures[state.calls.count - 1])
        }
        var reply = Civitas_V1_SubmitResponse()
        for (position, batch) in batches.enumerated() {
            call.sent(batch)
            var outcome = Civitas_V1_BatchOutcome()
            outcome.batch = UInt32(position)
            let keys = keys(batch)
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
        if let failure { throw failure.error }
        try await afterCall(number)
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
        #expect(UploadDriver<String>.plan(sizes: Array(repeating: 1, count: 7), size: 3, maxBytes: 100) == [0..<3, 3..<6, 6..<7])
        #expect(UploadDriver<String>.plan(sizes: [40, 40, 40, 200, 10], size: 10, maxBytes: 100) == [0..<2, 2..<3, 3..<4, 4..<5])
        #expect(UploadDriver<String>.plan(sizes: [], size: 3, maxBytes: 100).isEmpty)
    }

    @Test("Unary: a call dropped after the server stored it is re-sent; every row is stored once and booked once")
    func unaryResume() async throws {
        let keys = (0..<10).map { "k\($0)" }
        let batches = UploadDriver<String>.plan(sizes: Array(repeating: 1, count: 10), size: 3, maxBytes: 100)
        let server = FakeServer()
        server.fail(call: 1, storeFirst: true)
        let driver = UploadDriver<String>(batchesPerCall: 1, retry: retry())
        var tally = UploadTally()
        try await driver.run(from: BatchList(keyBatches(keys, batches)).source, tally: &tally, progress: SilentProgress(), session: server.session)
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
        let batches = UploadDriver<String>.plan(sizes: Array(repeating: 1, count: 20), size: 2, maxBytes: 100)
        let server = FakeServer()
        // The second stream (batches 4..<8) dies after its first batch was stored.
        server.fail(call: 1, storeFirst: false)
        let delays = Mutex<[Duration]>([])
        var policy = retry()
        policy.sleep = { delay in delays.withLock { $0.append(delay) } }
        let driver = UploadDriver<String>(batchesPerCall: 4, retry: policy)
        var tally = UploadTally()
        try await driver.run(from: BatchList(keyBatches(keys, batches)).source, tally: &tally, progress: SilentProgress(), session: server.session)
        #expect(server.state.withLock { $0.stored } == keys)
        #expect(server.state.withLock { $0.calls } == [0..<4, 4..<8, 4..<8, 8..<10])
        #expect(tally.stored == 18 && tally.repeated == 2 && tally.repeatedAfterRetry == 2)
        #expect(tally.acknowledgedBatches == 10 && tally.acknowledged == 20)
        #expect(delays.withLock { $0 } == [.milliseconds(500)])
    }

    @Test("A refused batch is booked whole, with the record's index in the file")
    func refusal() async throws {
        let keys = ["a", "b", "c", "bad-d", "e", "f"]
        let batches = UploadDriver<String>.plan(sizes: Array(repeating: 1, count: 6), size: 2, maxBytes: 100)
        let server = FakeServer()
        let driver = UploadDriver<String>(batchesPerCall: 1, retry: retry())
        var tally = UploadTally()
        try await driver.run(from: BatchList(keyBatches(keys, batches)).source, tally: &tally, progress: SilentProgress(), session: server.session)
        #expect(tally.stored == 4 && tally.refused == 2 && tally.refusedBatches == [1])
        #expect(tally.refusals == [.init(item: 3, record: "bad-d", field: "value", reason: "is out of range")])
        #expect(server.state.withLock { $0.stored } == ["a", "b", "e", "f"])
    }

    @Test("Errors a reconnect cannot fix stop at once; retries are bounded")
    func gives_up() async throws {
        let batches = keyBatches(["a", "b"], [0..<1, 1..<2])
        let server = FakeServer()
        server.fail(call: 1, storeFirst: false, code: .permissionDenied)
        var tally = UploadTally()
        await #expect(throws: RPCError.self) {
            try await UploadDriver<String>(batchesPerCall: 1, retry: retry())
                .run(from: BatchList(batches).source, tally: &tally, progress: SilentProgress(), session: server.session)
        }
        #expect(tally.acknowledgedBatches == 1 && server.state.withLock { $0.calls.count } == 2)

        let always = FakeServer()
        for call in 0..<20 { always.fail(call: call, storeFirst: false) }
        var policy = retry()
        policy.maxRetries = 3
        policy.maxRetriesBeforeFirstSuccess = 10
        var second = UploadTally()
        await #expect(throws: RPCError.self) {
            try await UploadDriver<String>(batchesPerCall: 1, retry: policy)
                .run(from: BatchList(keyBatches(["a"], [0..<1])).source, tally: &second, progress: SilentProgress(), session: always.session)
        }
        #expect(always.state.withLock { $0.calls.count } == 4 && second.retries == 3)
    }

    @Test("A server that was never reached is given up on after two quick retries")
    func neverReached() async throws {
        let server = FakeServer()
        for call in 0..<20 { server.fail(call: call, storeFirst: false) }
        var tally = UploadTally()
        await #expect(throws: RPCError.self) {
            try await UploadDriver<String>(batchesPerCall: 1, retry: retry())
                .run(from: BatchList(keyBatches(["a"], [0..<1])).source, tally: &tally, progress: SilentProgress(), session: server.session)
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
