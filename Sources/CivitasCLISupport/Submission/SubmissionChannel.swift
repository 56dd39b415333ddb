/// The four data channels (DOMAIN §4), as the CLI and ListRecords name them.
public enum SubmissionChannel: String, Sendable, CaseIterable {
    case material, inspection, survey, feed

    /// The word `civitas submit` takes (plural where English wants it).
    public var command: String {
        switch self {
        case .material: "materials"
        case .inspection: "inspections"
        case .survey: "survey"
        case .feed: "feed"
        }
    }

    /// Unary batches (materials, inspections) or one client stream of batches (survey, feed).
    public var streams: Bool { self == .survey || self == .feed }

    /// Records per batch unless `--batch-size` says otherwise.
    public var defaultBatchSize: Int { streams ? 1000 : 500 }
}

/// The two file formats `civitas submit` reads.
public enum SubmissionFormat: String, Sendable, CaseIterable {
    case csv, jsonl

    /// `.jsonl`/`.ndjson`/`.json` → JSON Lines, anything else CSV.
    public static func guess(path: String) -> SubmissionFormat {
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") ? .jsonl : .csv
    }
}
