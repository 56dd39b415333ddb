import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Send material reports, inspection records, survey responses or feed points from a file.",
        discussion: """
            Files are CSV (UTF-8 with or without BOM, or GB18030 as Excel in China writes) or JSON \
            Lines (one object per line, the proto's JSON field names, snake_case or camelCase; \
            times RFC 3339 with an offset). Times in CSV: 2026-10-05T09:30:00+08:00, …Z, or a local \
            2026-10-05 09:30[:00] in --time-zone. The key column (the idempotency key) is optional: \
            without it, each record's key is "h" + 32 hex digits of the SHA-256 of its content, so \
            sending the same file twice never doubles anything. The file is read while it is sent, \
            so its size does not matter. A dropped connection is resumed with the same keys. Refused rows are written to FILE.refused.csv (or .jsonl) with an error \
            column; the command then exits 4.
            """,
        subcommands: [SubmitMaterials.self, SubmitInspections.self, SubmitSurvey.self, SubmitFeed.self]
    )
}

/// The options every `civitas submit …` takes.
struct SubmitOptions: ParsableArguments {
    @Argument(help: "The file to send (.csv, or .jsonl for JSON Lines).")
    var file: String

    @Option(help: "csv or jsonl (default: from the file's extension).")
    var format: String?

    @Flag(name: .customLong("dry-run"), help: "Validate every record on the server without storing anything.")
    var dryRun = false

    @Option(name: .customLong("batch-size"), help: "Records per batch (default: 500 for materials and inspections, 1000 for survey and feed).")
    var batchSize: Int?

    @Option(name: .customLong("time-zone"), help: "Time zone of local times in the file.")
    var timeZone = "Asia/Shanghai"

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func upload<Record: SubmissionRecord>(_ type: Record.Type, evidenceMaxBytes: Int? = nil) async throws {
        var chosen: SubmissionFormat?
        if let format {
            guard let value = SubmissionFormat(rawValue: format.lowercased()) else {
                Terminal.error("--format must be csv or jsonl.")
                throw ExitCode(1)
            }
            chosen = value
        }
        var upload = SubmissionUpload<Record>(file: file, format: chosen, tenant: tenant.value)
        upload.dryRun = dryRun
        if let batchSize { upload.batchSize = batchSize }
        upload.timeZone = timeZone
        if let evidenceMaxBytes { upload.evidenceMaxBytes = evidenceMaxBytes }
        try await upload.run(connection: connection)
    }
}

struct SubmitMaterials: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "materials",
        abstract: "Send material reports (材料申报), 500 per call.",
        discussion: """
            CSV columns: key,unit,indicator,period,value,provided,note,evidence (key, note, evidence \
            optional; value or provided). value: a number; provided: true/false, 1/0, 是/否 — one of \
            the two per row. period: 2026-10, 2026-Q4, 2026 or 2026-10-01..2026-10-15. evidence: \
            file paths separated by ";", relative to the CSV's folder; each is sent with its SHA-256, \
            size and media type, and its bytes when at most --evidence-max-bytes. Chinese headings \
            work too (单位, 指标, 期间, 数值, 是否提供, 备注, 佐证材料).
            """
    )

    @OptionGroup var options: SubmitOptions

    @Option(name: .customLong("evidence-max-bytes"), help: "Larger evidence files are sent as SHA-256, size and type only.")
    var evidenceMaxBytes = 8 << 20

    func run() async throws {
        try await options.upload(Civitas_V1_MaterialReport.self, evidenceMaxBytes: evidenceMaxBytes)
    }
}

struct SubmitInspections: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspections",
        abstract: "Send field-inspection records (实地考察), 500 per call.",
        discussion: """
            CSV: one row per check — key,point,inspector,observed_at,check,passed,note,photo_sha256,\
            latitude,longitude (key, note, photo_sha256, latitude, longitude optional). Consecutive \
            rows with the same key (without a key: the same point, inspector and observed_at) form one \
            record; its later rows may leave key, point, inspector and observed_at empty. passed: \
            true/false, 1/0, 是/否, 合格/不合格. photo_sha256: hashes separated by ";".
            """
    )

    @OptionGroup var options: SubmitOptions

    func run() async throws {
        try await options.upload(Civitas_V1_InspectionRecord.self)
    }
}

struct SubmitSurvey: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Stream questionnaire responses (问卷调查), 1000 per batch.",
        discussion: """
            CSV columns: key,survey,respondent,subcommand,submitted_at,duration_seconds, then one \
            column per question code (any other column is a question, each at most once): answers \
            1–5, an empty cell is unanswered. key and subcommand are optional. In JSON Lines, \
            answers are [{"question":"q1","answer":4}, …] or, shorter, {"q1":4, …}.
            """
    )

    @OptionGroup var options: SubmitOptions

    func run() async throws {
        try await options.upload(Civitas_V1_SurveyResponse.self)
    }
}

struct SubmitFeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Stream big-data feed points (大数据), 1000 per batch.",
        discussion: """
            CSV columns: key,metric,source,observed_at,value,subcommand (key, source and subcommand \
            optional; an empty subcommand is city-wide).
            """
    )

    @OptionGroup var options: SubmitOptions

    func run() async throws {
        try await options.upload(Civitas_V1_FeedPoint.self)
    }
}
