/// Duplicate evidence (DOMAIN §6): the same evidence document (same SHA-256) attached by
/// two units, or by one unit for two indicators. A unit re-sending its own report for the
/// same indicator (a newer report superseding an older one) may reuse its document freely.
///
/// For each document the uses are grouped by (unit, indicator); the group used first
/// (lowest sequence number) is taken as the original, and every other group yields one
/// finding naming the original's first record and the group's first record. The
/// responsible unit is the later user: the one who passed the document off as its own.
public enum DuplicateEvidenceRule {
    /// One evidence document attached to one material report.
    public struct Use: Hashable, Sendable {
        /// Hex SHA-256 of the document (case is ignored).
        public var sha256: String
        public var sequence: Int64
        public var unit: String
        public var indicator: String

        public init(sha256: String, sequence: Int64, unit: String, indicator: String) {
            self.sha256 = sha256
            self.sequence = sequence
            self.unit = unit
            self.indicator = indicator
        }
    }

    /// - Parameter uses: the evidence of every material report storage wants compared
    ///   (superseded reports included: the document was still submitted).
    public static func findings(_ uses: [Use], period: Period, organization: OrganizationSnapshot) -> [Finding] {
        let byDocument = Dictionary(grouping: uses, by: { $0.sha256.lowercased() })
        return byDocument.keys.sorted().flatMap { sha in
            // The first record of each (unit, indicator) pair that used the document, oldest first.
            var firstUse: [String: Use] = [:]
            for use in byDocument[sha]! {
                let key = "\(use.unit)\n\(use.indicator)"
                if let kept = firstUse[key], kept.sequence <= use.sequence { continue }
                firstUse[key] = use
            }
            let ordered = firstUse.values.sorted { $0.sequence < $1.sequence }
            guard let original = ordered.first else { return [Finding]() }
            return ordered.dropFirst().map { finding(original: original, copy: $0, sha: sha, period: period, organization: organization) }
        }
    }

    private static func finding(original: Use, copy: Use, sha: String, period: Period, organization: OrganizationSnapshot) -> Finding {
        let acrossUnits = original.unit != copy.unit
        let what =
            acrossUnits
            ? "unit \(original.unit) already submitted it for \(original.indicator) (record \(original.sequence))"
            : "the same unit already submitted it for indicator \(original.indicator) (record \(original.sequence))"
        return Finding(
            rule: .duplicateEvidence,
            subject: Finding.subject(["sha256": sha, "unit": copy.unit, "indicator": copy.indicator, "period": period.name]),
            sequences: [original.sequence, copy.sequence],
            figures: ["originalSequence": Double(original.sequence), "copySequence": Double(copy.sequence)],
            severity: acrossUnits ? .high : .medium,
            unit: copy.unit, subcommand: CrossCheckInputs.subcommand(ofUnit: copy.unit, in: organization), period: period.name,
            message: "Unit \(copy.unit) attached evidence \(sha.prefix(12))… to its report of \(copy.indicator) (record "
                + "\(copy.sequence)), but \(what)."
        )
    }
}
