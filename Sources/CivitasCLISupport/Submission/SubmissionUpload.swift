import ArgumentParser
import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore

/// `civitas submit CHANNEL FILE`: reads the file, sends it in batches (resuming after a
/// dropped connection), prints a summary, writes the refused rows next to the file and
/// exits 4 when anything was refused.
public struct SubmissionUpload<Record: SubmissionRecord>: Sendable {
    public var file: String
    public var format: SubmissionFormat
    public var tenant: String
    public var dryRun = false
    public var batchSize: Int
    public var timeZone = "Asia/Shanghai"
    public var evidenceMaxBytes = 8 << 20
    /// Batches per client stream (survey, feed); a dropped stream is re-sent from its first batch.
    public var batchesPerStream = 50
    /// Requests stay below this many approximate bytes (the server's default limit is 16 MiB).
    public var maxRequestBytes = 12 << 20
    public var retry = ReconnectPolicy()

    public init(file: String, format: SubmissionFormat? = nil, tenant: String) {
        self.file = file
        self.format = format ?? .guess(path: file)
        self.tenant = tenant
        batchSize = Record.channel.defaultBatchSize
    }

    /// Reads the file (problems with the file itself throw).
    public func read() throws -> ParsedSubmission<Record> {
        guard batchSize >= 1 else { throw ClientError("--batch-size must be at least 1.") }
        let time = try SubmissionTime(identifier: timeZone)
        let context = SubmissionReadContext(source: file, time: time, evidenceMaxBytes: evidenceMaxBytes)
        return try SubmissionFileReader.read(Record.self, path: file, format: format, context: context)
    }

    public func run(connection: ConnectionOptions) async throws {
        var parsed: ParsedSubmission<Record>?
        var settings: ConnectionSettings?
        try await CommandFailure.run {
            parsed = try read()
            settings = try connection.settings()
        }
        guard let parsed, let settings else { return }
        for note in parsed.notes { Terminal.note(note) }
        for problem in parsed.problems.prefix(20) { Terminal.error("\(problem)") }
        if parsed.problems.count > 20 { Terminal.error("… and \(parsed.problems.count - 20) more row(s) that cannot be read.") }

        let records = parsed.items.map(\.record)
        let batches = UploadDriver.plan(sizes: records.map(\.approximateSize), size: batchSize, maxBytes: maxRequestBytes)
        let driver = UploadDriver(batches: batches, batchesPerCall: Record.channel.streams ? batchesPerStream : 1, retry: retry)
        var tally = UploadTally(records: records.count, batches: batches.count)
        let progress = TerminalProgress(source: file, total: records.count)
        let (tenant, dryRun) = (self.tenant, self.dryRun)
        try await CommandFailure.run(settings) {
            do {
                if !records.isEmpty {
                    try await driver.run(tally: &tally, progress: progress) { body in
                        try await CivitasConnection.with(settings) { civitas in
                            try await body { range, sent in
                                let chunks = range.map { Array(records[batches[$0]]) }
                                return try await Record.submit(chunks, over: civitas, tenant: tenant, dryRun: dryRun, sent: sent)
                            }
                        }
                    }
                }
                progress.finish()
            } catch {
                progress.finish()
                print(summary(parsed, tally, interrupted: true))
                throw error
            }
            print(summary(parsed, tally, interrupted: false))
            let problems = refusedProblems(parsed, tally, batches: batches)
            guard !problems.isEmpty else { return }
            for problem in problems.filter({ !$0.reason.hasPrefix(Self.batchmateReason) }).prefix(20)
            where !parsed.problems.contains(problem) {
                Terminal.error("\(problem)")
            }
            let path = RefusedRows.path(for: file, format: format)
            try RefusedRows.write(parsed.rows, problems: problems, to: path)
            print("Refused rows, with an error column, are in \(path); fix them and send that file again.")
            throw ExitCode(4)
        }
    }

    static var batchmateReason: String { "not stored: another record of its batch was refused" }

    /// Every refused record as a problem with its lines: the client's own, the server's,
    /// and the records that shared a batch with a refused one.
    func refusedProblems(_ parsed: ParsedSubmission<Record>, _ tally: UploadTally, batches: [Range<Int>]) -> [SubmissionProblem] {
        var problems = parsed.problems
        var named: Set<Int> = []
        for refusal in tally.refusals {
            named.insert(refusal.item)
            problems.append(
                SubmissionProblem(source: file, lines: parsed.items[refusal.item].lines, field: refusal.field, reason: refusal.reason)
            )
        }
        for batch in tally.refusedBatches {
            for item in batches[batch] where !named.contains(item) {
                problems.append(SubmissionProblem(source: file, lines: parsed.items[item].lines, field: "", reason: Self.batchmateReason))
            }
        }
        return problems
    }

    func summary(_ parsed: ParsedSubmission<Record>, _ tally: UploadTally, interrupted: Bool) -> String {
        let g = ProgressLine.grouped
        let verb = dryRun ? "Checked (dry run, nothing stored)" : "Sent"
        let refused = tally.refused + parsed.problems.count
        var text = interrupted
            ? "Stopped \(file) after \(g(tally.acknowledgedBatches)) of \(g(tally.batches)) batch(es) were acknowledged: "
            : "\(verb) \(file): \(g(records(parsed))) \(Record.channel.rawValue) record(s) in \(g(tally.batches)) batch(es): "
        text += "\(g(tally.stored)) \(dryRun ? "would be stored" : "stored"), \(g(tally.repeated)) repeated, \(g(refused)) refused"
        if !parsed.problems.isEmpty { text += " (\(g(parsed.problems.count)) by the client: the rows cannot be read)" }
        text += "."
        if tally.retries > 0 {
            text += " Reconnected \(tally.retries) time(s)"
            if tally.repeatedAfterRetry > 0 {
                text += "; \(g(tally.repeatedAfterRetry)) of the repeats were re-sent after a lost connection (stored by the interrupted attempt)"
            }
            text += "."
        }
        if interrupted {
            text += " Send the same file again: acknowledged rows are recognized by their keys and not stored twice."
        }
        return text
    }

    func records(_ parsed: ParsedSubmission<Record>) -> Int { parsed.items.count + parsed.problems.count }
}
