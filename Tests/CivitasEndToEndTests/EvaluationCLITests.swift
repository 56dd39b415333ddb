import CivitasTesting
import Foundation
import Testing

/// The campaign office's evaluation round trip through the real executables, as the README
/// demo runs it: publish the shipped model-city framework, load the demo city's generated
/// month through `civitas submit`, evaluate as jobs, read the reports. The city's leaf values
/// the CLI prints must equal the ones the independent plain-SQL computation of
/// `ops/bench/lib/evaluate_baseline.py` gets from the tenant's file.
@Suite(.serialized) struct EvaluationCLITests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func publishEvaluateAndReportAgreeWithPlainSQL() async throws {
        let scratch = try TemporaryDirectory(prefix: "civitas-evaluation-cli")
        defer { scratch.remove() }
        let data = scratch.url.appendingPathComponent("data")
        let daemon = try await DaemonProcess.launch(data: data, arguments: ["--job-poll-seconds", "0.1"])
        let admin = daemon.environment(tokenFile: data.appendingPathComponent("operator.token").path)
        #expect(try await runCLI("civitas-admin", ["tenant", "create", "eval-city", "--name", "测评市"], environment: admin).status == 0)
        let issued = try await runCLI("civitas-admin", ["credential", "issue", "--tenant", "eval-city", "--role", "hq"], environment: admin)
        let hqToken = scratch.url.appendingPathComponent("hq.token")
        try issued.stdout.write(to: hqToken, atomically: true, encoding: .utf8)
        let hq = daemon.environment(tokenFile: hqToken.path)

        let org = scratch.url.appendingPathComponent("org").path
        #expect(try await python("ops/demo/generate-org.py", [org]).status == 0)
        for kind in ["subcommands", "units", "points"] {
            let imported = try await runCLI("civitas", ["org", "import", "\(org)/\(kind).csv"], environment: hq)
            #expect(imported.status == 0, "\(imported.stderr)")
        }

        // A rule that cannot separate values is refused with the path of its node.
        let sample = Self.repository.appendingPathComponent("frameworks/model-city.json")
        var broken = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as? [String: Any])
        broken = try Self.settingFirstLinearFloorToTarget(broken)
        let brokenFile = scratch.url.appendingPathComponent("broken.json")
        try JSONSerialization.data(withJSONObject: broken).write(to: brokenFile)
        let refused = try await runCLI("civitas", ["framework", "publish", brokenFile.path], environment: hq)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("categories[0].items[0].indicators[0].scoring"), "\(refused.stderr)")

        let published = try await runCLI("civitas", ["framework", "publish", sample.path], environment: hq)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("model-city v1"), "\(published.stdout)")

        let month = scratch.url.appendingPathComponent("month").path
        #expect(try await python("ops/demo-data/generate.py", [month, "--seed", "3", "--respondents", "400"]).status == 0)
        for channel in ["materials", "inspections", "survey", "feed"] {
            let sent = try await runCLI("civitas", ["submit", channel, "\(month)/\(channel).csv"], environment: hq)
            #expect(sent.status == 0, "\(channel): \(sent.stderr)")
        }

        for scope in ["city", "subcommands"] {
            let evaluated = try await runCLI(
                "civitas", ["evaluate", "--framework", "model-city", "--period", "2026-10", "--scope", scope, "--wait"], environment: hq
            )
            #expect(evaluated.status == 0, "\(scope): \(evaluated.stderr)")
        }
        let score = try await runCLI("civitas", ["report", "score", "--framework", "model-city", "--period", "2026-10", "--json"], environment: hq)
        #expect(score.status == 0, "\(score.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
        let cutoff = try #require(report["cutoff_sequence"] as? Int)
        let leaves = try #require(report["leaves"] as? [[String: Any]])
        #expect(leaves.count == 58)

        let baseline = scratch.url.appendingPathComponent("sql-values.json")
        let sql = try await python(
            "ops/bench/lib/evaluate_baseline.py",
            [data.appendingPathComponent("tenants/eval-city.sqlite").path, sample.path, "2026-10", "\(cutoff)", baseline.path]
        )
        #expect(sql.status == 0, "\(sql.stderr)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: baseline)) as? [String: [String: Any]])
        let city = try #require(expected["city"])
        for leaf in leaves {
            let code = try #require(leaf["code"] as? String)
            let printed = leaf["value"] as? Double
            let computed = city[code] as? Double
            #expect((printed == nil) == (computed == nil), "\(code): report \(String(describing: printed)), SQL \(String(describing: computed))")
            if let printed, let computed {
                #expect(abs(printed - computed) <= 1e-9 * max(1, abs(computed)), "\(code): report \(printed), SQL \(computed)")
            }
        }

        let ranking = try await runCLI("civitas", ["report", "ranking", "--framework", "model-city", "--period", "2026-10", "--json"], environment: hq)
        let entries = try #require((try JSONSerialization.jsonObject(with: Data(ranking.stdout.utf8)) as? [String: Any])?["entries"] as? [[String: Any]])
        #expect(entries.compactMap { $0["rank"] as? Int } == Array(1...10))
        let ratios = entries.compactMap { $0["ratio"] as? Double }
        #expect(ratios == ratios.sorted(by: >), "ranked by earned ÷ max points")

        let page = scratch.url.appendingPathComponent("report.html")
        let html = try await runCLI(
            "civitas", ["report", "gap", "--framework", "model-city", "--period", "2026-10", "--html", page.path], environment: hq
        )
        #expect(html.status == 0, "\(html.stderr)")
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.contains("<svg") && text.contains("model-city") && !text.contains("https://"))
        try await daemon.stop(with: SIGTERM)
    }

    /// The document with the first indicator's linear rule made unable to separate values.
    static func settingFirstLinearFloorToTarget(_ document: [String: Any]) throws -> [String: Any] {
        var document = document
        var categories = try #require(document["categories"] as? [[String: Any]])
        var items = try #require(categories[0]["items"] as? [[String: Any]])
        var indicators = try #require(items[0]["indicators"] as? [[String: Any]])
        var scoring = try #require(indicators[0]["scoring"] as? [String: Any])
        try #require(scoring["rule"] as? String == "linear")
        scoring["floor"] = scoring["target"]
        indicators[0]["scoring"] = scoring
        items[0]["indicators"] = indicators
        categories[0]["items"] = items
        document["categories"] = categories
        return document
    }

    func python(_ script: String, _ arguments: [String]) async throws -> CommandResult {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        environment["LANG"] = "C.UTF-8"
        return try await run("/usr/bin/env", ["python3", Self.repository.appendingPathComponent(script).path] + arguments, environment: environment)
    }
}
