import Crypto
import Foundation

/// One result of a cross-check (交叉检查, DOMAIN §6): a fact about submitted records that
/// a person should look at. Findings never correct data silently; they drive
/// rectification (``FindingState``) instead.
///
/// **Identity.** By default (`Identity.recordsAndSubject`) `id` is derived from the
/// rule, the sorted record sequence numbers and the subject, so re-running a rule on the
/// same data yields the same id and storage can upsert instead of piling up duplicates.
/// `sequences` are the records the finding is *about* (the claim); a reference population
/// the claim is measured against (the other units, the previous periods, the feed) is
/// summarized in `figures`, so one more peer report arriving later refreshes the figures
/// without making a new finding. A finding about a group that keeps growing — lateness:
/// every late record of one responsible party and subject — takes `Identity.subject`
/// instead, so a record joining the group refreshes the finding (its sequences, figures
/// and message) rather than making a second one. The subject always names the period, so
/// a monthly and a quarterly run report separately.
public struct Finding: Hashable, Sendable, Identifiable {
    /// What `id` is derived from.
    public enum Identity: Hashable, Sendable, CaseIterable {
        /// Rule, sorted sequences and subject: other records make another finding. Every
        /// rule but lateness.
        case recordsAndSubject
        /// Rule and subject only: the subject names a group whose records may grow
        /// between runs (lateness), and the finding stays the same as they do.
        case subject
    }

    /// 32 lower-case hex digits: the first 128 bits of SHA-256 over the rule, the sorted
    /// sequences (unless `identity` is `.subject`) and the subject.
    public let id: String
    /// What `id` was derived from.
    public let identity: Identity
    public let rule: CrossCheckRule
    /// What the finding is about, as `key=value` pairs joined by `;` (e.g.
    /// `indicator=waste-sorting;unit=u-07;period=2026-10`). Part of the identity.
    public let subject: String
    /// Sequence numbers of the records involved, ascending, without repeats.
    public let sequences: [Int64]
    /// The numbers that tripped the rule, by name (e.g. `x`, `median`, `mad`, `z`).
    public var figures: [String: Double]
    public var severity: FindingSeverity
    /// The responsible unit, when one unit is responsible.
    public var unit: String?
    /// The responsible sub-command (the unit's block), when known; nil means HQ.
    public var subcommand: String?
    /// The name of the period the rule ran for (`2026-10`).
    public var period: String
    /// One sentence for the person who has to act on it.
    public var message: String

    public init(
        rule: CrossCheckRule, subject: String, sequences: [Int64], figures: [String: Double], severity: FindingSeverity,
        unit: String?, subcommand: String?, period: String, message: String, identity: Identity = .recordsAndSubject
    ) {
        let sorted = Array(Set(sequences)).sorted()
        self.id = Self.identity(rule: rule, sequences: sorted, subject: subject, identity: identity)
        self.identity = identity
        self.rule = rule
        self.subject = subject
        self.sequences = sorted
        self.figures = figures
        self.severity = severity
        self.unit = unit
        self.subcommand = subcommand
        self.period = period
        self.message = message
    }

    /// The dedupe key: rule + sorted sequences + subject, hashed. The subject comes last
    /// and the two fields before it have a fixed shape, so no two keys collide by
    /// concatenation.
    public static func identity(rule: CrossCheckRule, sequences: [Int64], subject: String) -> String {
        identity(rule: rule, sequences: sequences, subject: subject, identity: .recordsAndSubject)
    }

    /// The dedupe key as `identity` says. `.subject` hashes the rule, `*` and the subject:
    /// `*` stands where the sequence list would be, and a list is only digits and commas,
    /// so a subject-only key never equals a records-and-subject one.
    public static func identity(rule: CrossCheckRule, sequences: [Int64], subject: String, identity: Identity) -> String {
        let records =
            switch identity {
            case .recordsAndSubject: Array(Set(sequences)).sorted().map(String.init).joined(separator: ",")
            case .subject: "*"
            }
        let key = "\(rule.rawValue)\n\(records)\n\(subject)"
        let digest = SHA256.hash(data: Data(key.utf8))
        return digest.prefix(16).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// `key=value` pairs in the given order, joined by `;` — how every rule builds `subject`.
    public static func subject(_ pairs: KeyValuePairs<String, String>) -> String {
        pairs.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    /// The findings with repeated ids removed, the first of each kept, in first-seen
    /// order: what a re-run merged with the previous run's output reduces to.
    public static func unique<Findings: Sequence>(_ findings: Findings) -> [Finding] where Findings.Element == Finding {
        var seen = Set<String>()
        return findings.filter { seen.insert($0.id).inserted }
    }
}

/// The cross-check rules (DOMAIN §6). The raw value is the rule's name on the wire and in
/// finding identities; never rename one.
public enum CrossCheckRule: String, CaseIterable, Sendable, Comparable {
    /// A leaf's value against its declared peer (another leaf or a feed metric).
    case sourceConsistency = "source_consistency"
    /// A unit's report far from the other units' reports of the same indicator.
    case peerOutlier = "peer_outlier"
    /// A unit's report far from its own previous periods.
    case historyOutlier = "history_outlier"
    /// The same evidence document from two units, or for two indicators.
    case duplicateEvidence = "duplicate_evidence"
    /// Survey integrity: a respondent key answering one survey again.
    case duplicateRespondent = "duplicate_respondent"
    /// Survey integrity: five or more answers, all equal.
    case straightLining = "straight_lining"
    /// Survey integrity: answered faster than the survey's minimum duration.
    case tooFast = "too_fast"
    /// A material rate claim above the inspections' pass rate by more than the tolerance.
    case inspectionContradiction = "inspection_contradiction"
    /// Received after the period's end plus the framework's grace days.
    case lateness
    /// Recorded by hand by an inspector or HQ rather than computed.
    case manual

    /// The three rules a request for `survey_integrity` runs.
    public static let surveyIntegrity: [CrossCheckRule] = [.duplicateRespondent, .straightLining, .tooFast]

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How urgently a finding needs attention. Three levels, set by each rule:
///
/// - Threshold rules (source consistency, peer outlier, history outlier, inspection
///   contradiction) give `medium` past the limit and `high` past twice the limit
///   (|z| > 7, deviation > 6 σ, excess > 2 × tolerance, |a − b| > 2 × allowed).
/// - Duplicate evidence: `high` across two units (one unit's document passed off by
///   another), `medium` for one unit reusing a document for two indicators.
/// - Survey integrity: `medium` for a duplicate respondent (one person counted twice),
///   `low` for straight-lining and too fast (excluded from values anyway, §3.1).
/// - Lateness: `low` (the data is real; only its timing is at fault).
public enum FindingSeverity: String, CaseIterable, Sendable, Comparable {
    case low, medium, high

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
