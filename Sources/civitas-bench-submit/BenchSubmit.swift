import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore
import Synchronization
import SwiftProtobuf

/// Load generator for ops/bench/submit: `--mode submit` sends single-record unary
/// material reports from many concurrent callers; `--mode echo` sends the cheapest unary
/// call the server has (a health check: no credential, no database) the same way, as the
/// baseline of what the gRPC/TLS stack itself can carry. Prints one line: `calls_per_s=…`.
@main
struct BenchSubmit: AsyncParsableCommand {
    enum Mode: String, ExpressibleByArgument { case submit, echo }

    @Option var mode: Mode
    @Option(help: "Calls in flight at once.") var concurrency = 64
    @Option(help: "Connections the callers share.") var connections = 8
    @Option(help: "Seconds to run.") var seconds = 10.0
    @Option(help: "Units assigned the indicator m-rate (comma-separated).") var units = "u-dept-01,u-dept-02,u-dept-03,u-dept-04"
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let settings = try connection.settings()
        let unitList = units.split(separator: ",").map(String.init)
        let counters = Counters()
        let perConnection = max(1, concurrency / connections)
        let start = ContinuousClock.now
        let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
        let run = UUID().uuidString.prefix(8)
        let mode = mode
        try await withThrowingTaskGroup(of: Void.self) { group in
            for connectionIndex in 0..<connections {
                group.addTask {
                    try await CivitasConnection.with(settings) { civitas in
                        try await withThrowingTaskGroup(of: Void.self) { callers in
                            for caller in 0..<perConnection {
                                callers.addTask {
                                    var n = 0
                                    while ContinuousClock.now < deadline {
                                        do {
                                            switch mode {
                                            case .echo:
                                                _ = try await civitas.health.check(.with { $0.service = "" })
                                            case .submit:
                                                let reply = try await civitas.submissions.submitMaterialReports(.with {
                                                    $0.reports = [.with {
                                                        $0.key = "\(run)-\(connectionIndex)-\(caller)-\(n)"
                                                        $0.unit = unitList[(caller + n) % unitList.count]
                                                        $0.indicator = "m-rate"
                                                        $0.period.name = "2026-10"
                                                        $0.number = Double(n % 100)
                                                    }]
                                                })
                                                guard reply.stored == 1 else { throw ClientError("not stored: \(reply)") }
                                            }
                                            counters.completed.add(1, ordering: .relaxed)
                                        } catch {
                                            if counters.failed.add(1, ordering: .relaxed).newValue == 1 {
                                                FileHandle.standardError.write(Data("bench: first failure: \(error)\n".utf8))
                                            }
                                        }
                                        n += 1
                                    }
                                }
                            }
                            try await callers.waitForAll()
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = start.duration(to: .now)
        let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(counters.completed.load(ordering: .relaxed)) / secondsTaken
        print("calls_per_s=\(Int(rate)) calls=\(counters.completed.load(ordering: .relaxed)) failures=\(counters.failed.load(ordering: .relaxed))")
    }
}

/// Shared by every caller task.
final class Counters: Sendable {
    let completed = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
}
