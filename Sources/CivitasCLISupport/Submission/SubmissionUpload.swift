import ArgumentParser
import CivitasClient
import CivitasProtos
import Foundation
import GRPCCore

/// `civitas submit CHANNEL FILE`: reads the file as it sends it, in batches (resuming
/// after a dropped connection), prints a summary, writes the refused rows next to the
/// file and exits 4 when anything was refused.
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
    /// Batches the reader may read ahead of the sender.
    public var lookAhead = 4
    public var retry = ReconnectPolicy()

    public init(file: String, format: SubmissionFormat? = nil, tenant: String) {
        self.file = file
        self.format = format ?? .guess(path: file)
        self.tenant = tenant
        batchSize = Record.channel.defaultBatchSize
    }

    /// Opens the file and reads its header: problems with the file itself (unreadable,
    /// undecodable, no header, a missing column, a quote that never closes) throw here,
    /// before anything is sent.
    func open() throws -> SubmissionReader<Record> {
        guard batchSize >= 1 else { throw ClientError("--batch-size must be at least 1.") }
        let time = try SubmissionTime(identifier: timeZone)
        let text = try SubmissionText(contentsOf: file)
        let context = SubmissionReadContext(source: file, time: time, evidenceMaxBytes: evidenceMaxBytes)
        return try SubmissionReader(text: text, format: format, context: context, batchSize: batchSize, maxBytes: maxRequestBytes)
    }

    public func run(connection: ConnectionOptions) async throws {
        var opened: SubmissionReader<Record>?
        var settings: ConnectionSettings?
        try await CommandFailure.run {
            opened = try open()
            settings = try connection.settings()
        }
        guard let reader = opened, let settings else { return }
        let (tenant, dryRun) = (self.tenant, self.dryRun)
        let progress = TerminalProgress(source: file, bytes: reader.text.count)
        try await CommandFailure.run(settings) {
            try await upload(reader, progress: progress) { body in
                try await CivitasConnection.with(settings) { civitas in
                    try await body { call in try await Record.submit(call, over: civitas, tenant: tenant, dryRun: dryRun) }
                }
            }
        }
    }

    /// Sends what `reader` reads over `session`, then reports: the summary on stdout, the
    /// problems on stderr, the refused rows in their file (exit 4).
    func upload(
        _ reader: SubmissionReader<Record>, progress: TerminalProgress, session: UploadDriver<Record>.Session
    ) async throws {
        let (text, header) = (reader.text, reader.format == .csv ? reader.header : nil)
        let run = UploadRun<Record>(
            batchesPerCall: Record.channel.streams ? batchesPerStream : 1, retry: retry, lookAhead: lookAhead
        )
        let outcome = await run.run(reader, progress: progress, session: session)
        progress.finish(complete: outcome.failure == nil)
        let shown = UploadRun<Record>.problemsShown
        if outcome.clientProblems > shown {
            Terminal.error("… and \(outcome.clientProblems - shown) more row(s) that cannot be read.")
        }
        if let failure = outcome.failure {
            print(summary(outcome, interrupted: true))
            throw failure
        }
        print(summary(outcome, interrupted: false))
        guard !outcome.refused.isEmpty else { return }
        // At most `shown` problems in all: the client's came first.
        for problem in outcome.serverProblems.prefix(max(0, shown - outcome.clientProblems)) {
            Terminal.error("\(problem)")
        }
        let path = RefusedRows.path(for: file, format: format)
        try RefusedRows.write(outcome.refused, text: text, header: header, to: path)
        print("Refused rows, with an error column, are in \(path); fix them and send that file again.")
        throw ExitCode(4)
    }
}
