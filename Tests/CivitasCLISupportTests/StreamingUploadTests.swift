import ArgumentParser
@testable import CivitasCLISupport
import CivitasProtos
import Foundation
import GRPCCore
import Synchronization
import Testing

/// Progress that counts acknowledged batches and keeps the lines printed while reading.
final class CountingProgress: UploadProgress {
    let acknowledgedBatches = Mutex(0)
    let lines = Mutex<[String]>([])

    func sent(records: Int, through offset: Int) {}
    func acknowledged(_ tally: UploadTally, through offset: Int) { acknowledgedBatches.withLock { $0 = tally.acknowledgedBatches } }
    func retrying(after error: any Error, attempt: Int, of limit: Int, delay: Duration, tally: UploadTally) {}
    func print(_ line: String) { lines.withLock { $0.append(line) } }
}

/// The batches the reader task has completed, and the most it ever held beyond those acknowledged.
final class ReadCounter: Sendable {
    let read = Mutex(0)
    let mostHeld = Mutex(0)

    /// Waits (up to about ten seconds) until the reader has completed `count` batches;
    /// returns how many it has.
    func wait(for count: Int) async throws -> Int {
        for _ in 0..<10_000 where read.withLock({ $0 }) < count {
            try await Task.sleep(for: .milliseconds(1))
        }
        return read.withLock { $0 }
    }
}

@Suite("Streaming uploads, with a fake server")
struct StreamingUploadTests {
    func noSleep() -> ReconnectPolicy {
        var policy = ReconnectPolicy()
        policy.sleep = { _ in }
        return policy
    }

    /// A feed file of `rows` rows without a key column (keys are derived from content).
    func feed(_ rows: Int) -> String {
        "metric,source,observed_at,value\n"
            + (0..<rows).map { "aqi,env,2026-10-\(String(format: "%02d", 1 + $0 % 28)) \(String(format: "%02d", $0 % 24)):00,\($0)\n" }.joined()
    }

    func reader(_ text: String, batchSize: Int) throws -> SubmissionReader<Civitas_V1_FeedPoint> {
        let context = SubmissionReadContext(source: "/tmp/feed.csv", time: shanghai())
        let text = try SubmissionText(data: Data(text.utf8), source: "/tmp/feed.csv")
        return try SubmissionReader(text: text, format: .csv, context: context, batchSize: batchSize, maxBytes: 12 << 20)
    }

    @Test("A stream dropped mid-way resumes from its first unacknowledged batch with the same keys; the reader runs ahead")
    func resumeWhileReadingAhead() async throws {
        let counter = ReadCounter()
        // While the first call waits for its reply, the reader fills the look-ahead: four
        // batches in this call, two more waiting.
        let readAhead = Mutex(0)
        let server = FakeServer { call in
            if call == 0 { readAhead.withLock { $0 = -1 }; let read = try await counter.wait(for: 6); readAhead.withLock { $0 = read } }
        }
        // The third stream (batches 8..<12) dies after its first batch was stored.
        server.fail(call: 2, storeFirst: false)
        var run = UploadRun<Civitas_V1_FeedPoint>(batchesPerCall: 4, retry: noSleep(), lookAhead: 2)
        run.batchRead = { _ in counter.read.withLock { $0 += 1 } }
        let outcome = await run.run(try reader(feed(200), batchSize: 10), progress: CountingProgress(), session: server.session)
        // Ahead by the look-ahead, and no further (it waits for room).
        #expect((6...7).contains(readAhead.withLock { $0 }))
        #expect(outcome.failure == nil)
        #expect(counter.read.withLock { $0 } == 20)
        let state = server.state.withLock { $0 }
        #expect(state.calls == [0..<4, 4..<8, 8..<12, 8..<12, 12..<16, 16..<20])
        #expect(state.sessions == 2)
        #expect(state.stored.count == 200 && Set(state.stored).count == 200)
        let tally = outcome.tally
        #expect(tally.records == 200 && tally.batches == 20 && tally.acknowledgedBatches == 20)
        #expect(tally.stored == 190 && tally.repeated == 10 && tally.repeatedAfterRetry == 10 && tally.retries == 1)
        // The failed call's batch went again with the very same (derived) keys.
        let failedFirstBatch = Array(state.stored[80..<90])
        #expect(failedFirstBatch.allSatisfy { $0.hasPrefix("h") && $0.count == 33 })
        let reread = try read(Civitas_V1_FeedPoint.self, feed(200), batchSize: 10)
        #expect(state.stored == reread.items.map(\.record.key))
    }

    @Test("Only the call in flight and the look-ahead are held, never the file", arguments: [(1, 1), (4, 2), (3, 4)])
    func boundedMemory(batchesPerCall: Int, lookAhead: Int) async throws {
        let server = FakeServer()
        let progress = CountingProgress()
        let counter = ReadCounter()
        var run = UploadRun<Civitas_V1_FeedPoint>(batchesPerCall: batchesPerCall, retry: noSleep(), lookAhead: lookAhead)
        run.batchRead = { number in
            // Batches completed (0…number) less those the server acknowledged.
            let held = number + 1 - progress.acknowledgedBatches.withLock { $0 }
            counter.mostHeld.withLock { $0 = max($0, held) }
            counter.read.withLock { $0 += 1 }
        }
        let outcome = await run.run(try reader(feed(300), batchSize: 5), progress: progress, session: server.session)
        #expect(outcome.failure == nil && outcome.tally.stored == 300 && counter.read.withLock { $0 } == 60)
        #expect(counter.mostHeld.withLock { $0 } <= batchesPerCall + lookAhead + 1)
    }

    @Test("The refused-rows file holds the client's and the server's refusals with their batchmates, in file order; exit 4")
    func refusedRows() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(
            "feed.csv",
            #"""
            key,metric,source,observed_at,value
            k1,aqi,,2026-10-05 00:00,1
            k2,aqi,,2026-10-05 01:00,n/a
            k3,aqi,,2026-10-05 02:00,3
            bad-4,aqi,"env, ""north""",2026-10-05 03:00,4
            k5,aqi,,2026-10-05 04:00,5

            k6,aqi,,2026-10-05 05:00,6
            k7,aqi,,tomorrow,7
            k8,aqi,,2026-10-05 07:00,8

            """#
        )
        var upload = SubmissionUpload<Civitas_V1_FeedPoint>(file: path, tenant: "t")
        upload.batchSize = 2
        upload.retry = noSleep()
        let lines = Mutex<[String]>([])
        let progress = TerminalProgress(source: path, bytes: 1, interactive: false) { text in lines.withLock { $0.append(text) } }
        let server = FakeServer()
        await #expect(throws: ExitCode(4)) {
            try await upload.upload(try upload.open(), progress: progress, session: server.session)
        }
        // Batches: [k1 k3] [bad-4 k5] [k6 k8]; the second is refused whole.
        #expect(server.state.withLock { $0.stored } == ["k1", "k3", "k6", "k8"])
        let written = try Data(contentsOf: URL(fileURLWithPath: (folder.path as NSString).appendingPathComponent("feed.refused.csv")))
        let refused = String(decoding: written, as: UTF8.self)
        #expect(
            refused == "\u{FEFF}" + #"""
                key,metric,source,observed_at,value,error
                k2,aqi,,2026-10-05 01:00,n/a,"value: ""n/a"" is not a number"
                bad-4,aqi,"env, ""north""",2026-10-05 03:00,4,value: is out of range
                k5,aqi,,2026-10-05 04:00,5,not stored: another record of its batch was refused
                k7,aqi,,tomorrow,7,"observed_at: ""tomorrow"" is not a time (use 2026-10-05T09:30:00+08:00, or 2026-10-05 09:30 in Asia/Shanghai)"

                """#
        )
        let printed = lines.withLock { $0 }.filter { $0.hasPrefix("error: ") }
        #expect(printed == ["error: \(path), line 3: value: \"n/a\" is not a number\n", "error: \(path), line 9: observed_at: \"tomorrow\" is not a time (use 2026-10-05T09:30:00+08:00, or 2026-10-05 09:30 in Asia/Shanghai)\n"])
    }

    @Test("Problems of the file itself stop it before anything is sent, even deep in the file")
    func fileProblems() throws {
        let folder = try TemporaryFolder()
        let unclosed = try folder.write("a.csv", feed(5000) + "aqi,env,\"2026-10-05 00:00,1\n" + feed(10).dropFirst(31))
        #expect {
            _ = try SubmissionUpload<Civitas_V1_FeedPoint>(file: unclosed, tenant: "t").open()
        } throws: { error in
            "\(error)" == "\(unclosed), line 5002: has a quoted field that never closes"
        }
        let missing = try folder.write("b.csv", "metric,value\naqi,1\n")
        #expect(throws: CSVError.self) { _ = try SubmissionUpload<Civitas_V1_FeedPoint>(file: missing, tenant: "t").open() }
        let undecodable = try folder.write("c.csv", Data([0xEF, 0xBB, 0xBF, 0x61, 0xFF, 0x0A]))
        #expect(throws: CSVError.self) { _ = try SubmissionUpload<Civitas_V1_FeedPoint>(file: undecodable, tenant: "t").open() }
        let empty = try folder.write("d.csv", "")
        #expect(throws: CSVError.self) { _ = try SubmissionUpload<Civitas_V1_FeedPoint>(file: empty, tenant: "t").open() }
        #expect(throws: CSVError.self) { _ = try SubmissionUpload<Civitas_V1_FeedPoint>(file: folder.path + "/none.csv", tenant: "t").open() }
    }

    @Test("A file with no record opens no connection")
    func nothingToSend() async throws {
        let server = FakeServer()
        let run = UploadRun<Civitas_V1_FeedPoint>(batchesPerCall: 4, retry: noSleep())
        let outcome = await run.run(try reader("metric,observed_at,value\naqi,never,1\n\n", batchSize: 10), progress: CountingProgress(), session: server.session)
        #expect(server.state.withLock { $0.sessions } == 0)
        #expect(outcome.failure == nil && outcome.clientProblems == 1 && outcome.refused.count == 1 && outcome.tally.batches == 0)
    }

    @Test("When the upload gives up, the rest of the file is still counted for the summary")
    func givesUp() async throws {
        let server = FakeServer()
        server.fail(call: 1, storeFirst: false, code: .permissionDenied)
        let run = UploadRun<Civitas_V1_FeedPoint>(batchesPerCall: 1, retry: noSleep(), lookAhead: 2)
        let outcome = await run.run(try reader(feed(100) + "aqi,env,never,1\n", batchSize: 10), progress: CountingProgress(), session: server.session)
        #expect((outcome.failure as? RPCError)?.code == .permissionDenied)
        #expect(outcome.tally.acknowledgedBatches == 1 && outcome.tally.batches == 10 && outcome.tally.records == 100)
        #expect(outcome.clientProblems == 1)
    }
}
