import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

/// The rectification moves (整改, DOMAIN §7) as `civitas findings …` asks for them. Each
/// builder checks what the terminal can check — an id, a unit, a due date in the future, a
/// note that says something — so that a typo costs no round trip; who may make the move
/// and from which state is the server's to say.
public enum FindingTransition {
    /// `findings assign ID --unit U --due D [--note …]`: open, assigned or reopened → assigned.
    public static func assign(
        id: String, unit: String, due: String, note: String?, time: FindingTime, now: Date = Date()
    ) throws(ClientError) -> Civitas_V1_TransitionFindingRequest {
        try request(id, "assign") { request throws(ClientError) in
            request.unit = try required(unit, option: "--unit", purpose: "the unit responsible for rectifying")
            request.dueAt = try time.due(due, option: "--due", now: now)
            request.note = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
    }

    /// `findings rectify ID --note … --evidence FILE…`: assigned or reopened → rectified.
    public static func rectify(id: String, note: String, evidence: [Civitas_V1_Evidence]) throws(ClientError) -> Civitas_V1_TransitionFindingRequest {
        try request(id, "rectify") { request throws(ClientError) in
            request.note = try required(note, option: "--note", purpose: "what was done to rectify it")
            guard !evidence.isEmpty else {
                throw ClientError("Rectifying finding \(id) needs evidence: name at least one file with --evidence.")
            }
            request.evidence = evidence
        }
    }

    /// `findings verify ID [--note …]`: rectified → verified.
    public static func verify(id: String, note: String?) throws(ClientError) -> Civitas_V1_TransitionFindingRequest {
        try request(id, "verify") { request in
            request.note = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
    }

    /// `findings reopen ID --note … --due D`: rectified or verified → reopened, with a new
    /// due date.
    public static func reopen(
        id: String, note: String, due: String, time: FindingTime, now: Date = Date()
    ) throws(ClientError) -> Civitas_V1_TransitionFindingRequest {
        try request(id, "reopen") { request throws(ClientError) in
            request.note = try required(note, option: "--note", purpose: "why the finding is reopened")
            request.dueAt = try time.due(due, option: "--due", now: now)
        }
    }

    /// `findings dismiss ID --reason …`: → dismissed, for good.
    public static func dismiss(id: String, reason: String) throws(ClientError) -> Civitas_V1_TransitionFindingRequest {
        try request(id, "dismiss") { request throws(ClientError) in
            request.note = try required(reason, option: "--reason", purpose: "why the finding needs no rectification")
        }
    }

    private static func request(
        _ id: String, _ action: String, _ fill: (inout Civitas_V1_TransitionFindingRequest) throws(ClientError) -> Void
    ) throws(ClientError) -> Civitas_V1_TransitionFindingRequest {
        var request = Civitas_V1_TransitionFindingRequest()
        request.id = try required(id, option: "ID", purpose: "the finding's id (see `civitas crosscheck findings`)")
        request.action = action
        try fill(&request)
        return request
    }

    private static func required(_ text: String, option: String, purpose: String) throws(ClientError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ClientError("\(option) is empty; give \(purpose).") }
        return trimmed
    }

    /// What the move did, e.g. `Finding 3f…: assigned → rectified`, then who is
    /// responsible, the level and the due date, as the server now has them.
    public static func outcome(_ finding: Civitas_V1_Finding, time: FindingTime, language: ReportLanguage) -> String {
        let state = { (state: String) in FindingVocabulary.state(state, language) }
        var head = language.pick("问题 \(finding.id)：", "Finding \(finding.id): ")
        if let last = finding.history.last, last.toState == finding.state, !last.fromState.isEmpty {
            head += "\(state(last.fromState)) → \(state(finding.state))"
        } else {
            head += state(finding.state)
        }
        let list = FindingListText(time: time, language: language)
        let facts: [(FindingLabel, String)] = [
            (.unit, list.dash(finding.unit)), (.subcommand, list.dash(finding.subcommand)),
            (.level, FindingVocabulary.level(finding.level, language)), (.due, list.due(finding)),
        ]
        let details = facts.map { "\($0.0.text(language)) \($0.1)" }.joined(separator: " · ")
        var lines = [head, "  " + details]
        if let note = finding.history.last?.note, !note.isEmpty { lines.append("  \(FindingLabel.note.text(language)) \(list.oneLine(note))") }
        return lines.joined(separator: "\n")
    }
}
