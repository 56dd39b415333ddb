import CivitasTesting
import Foundation
import Testing

/// ops/demo-data/generate.py derives the demo's data from frameworks/model-city.json; its
/// own checker (ops/demo-data/check.py) fails when the two drift apart.
@Suite("Demo data generator")
struct DemoDataGeneratorTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("the generator runs, is deterministic and covers every code of both sample frameworks",
          .enabled(if: python != nil, "needs python3"), arguments: ["model-city", "civilized-city"])
    func generatorFitsTheFramework(_ name: String) throws {
        let repository = FrameworkSampleTests.repository
        let process = try ChildProcess(
            executable: try #require(Self.python),
            arguments: [
                repository.appendingPathComponent("ops/demo-data/check.py").path,
                "--framework", repository.appendingPathComponent("frameworks/\(name).json").path,
            ],
            environment: ProcessInfo.processInfo.environment
        )
        let status = try process.waitForExitBlocking()
        let text = process.stdout.text + process.stderr.text
        #expect(status == 0, "\(text)")
    }
}
