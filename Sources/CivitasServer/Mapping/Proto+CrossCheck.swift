import CivitasCore
import CivitasProtos
import CivitasStorage
import Crypto
import Foundation
import SwiftProtobuf

// Cross-check findings, their moves and the cross-inspection plan on the wire.

extension Civitas_V1_Finding {
    /// `unit`, `subcommand`, `due_at` and `level` are where the finding stands now (an
    /// assignment moves them); `overdue` is computed at `now`.
    init(_ stored: StoredFinding, now: Date) {
        self.init()
        let finding = stored.finding
        let state = stored.state
        id = finding.id
        rule = finding.rule.rawValue
        severity = finding.severity.rawValue
        self.state = state.status.rawValue
        level = UInt32(state.level.rawValue)
        unit = state.unit ?? ""
        subcommand = state.subcommand ?? ""
        sequences = finding.sequences.map { UInt64(clamping: $0) }
        figures = finding.figures
        message = finding.message
        if let due = state.dueAt { dueAt = Google_Protobuf_Timestamp(date: due) }
        history = state.history.map(Civitas_V1_FindingMove.init)
        period.name = finding.period
        runID = stored.runID
        subject = finding.subject
        foundAt = Google_Protobuf_Timestamp(date: stored.foundAt)
        overdue = stored.isOverdue(at: now)
    }
}

extension Civitas_V1_FindingMove {
    /// `from_state` is empty for the move that opened the finding; an escalation keeps
    /// the state and changes `level`. `role` is `system` for a job's move (a cross-check
    /// run opening a finding, graded supervision escalating it); `level`, `unit` and
    /// `due_at` are where the finding stood after the move (`unit` empty and `due_at`
    /// unset when there was none).
    init(_ move: FindingMove) {
        self.init()
        action = move.action
        fromState = move.from?.rawValue ?? ""
        toState = move.to.rawValue
        by = move.by
        role = move.role?.rawValue ?? "system"
        at = Google_Protobuf_Timestamp(date: move.at)
        note = move.note
        level = UInt32(move.level.rawValue)
        unit = move.unit ?? ""
        if let due = move.dueAt { dueAt = Google_Protobuf_Timestamp(date: due) }
    }
}

extension Civitas_V1_CrossInspectionAssignment {
    init(_ assignment: CrossInspectionAssignment) {
        self.init()
        point = assignment.point
        owner = assignment.owner
        inspectorSubcommand = assignment.inspector
    }
}

extension FindingAction {
    /// The move a TransitionFinding request asks for. A malformed request (unknown action,
    /// a due date missing, evidence that is not well-formed) is refused here, whoever
    /// sends it; who may make the move, and from which state, is the workflow's to decide.
    init(_ request: Civitas_V1_TransitionFindingRequest) throws(CivitasError) {
        func due() throws(CivitasError) -> Date {
            guard request.hasDueAt else {
                throw .invalidArgument("Action \(request.action) of finding \(request.id.prefix(64)) needs due_at: the date the unit must have rectified it by.")
            }
            return request.dueAt.milliseconds
        }
        switch request.action {
        case "assign":
            guard !request.unit.isEmpty else {
                throw .invalidArgument("Assigning finding \(request.id.prefix(64)) needs unit: the responsible unit's id.")
            }
            self = .assign(unit: request.unit, dueAt: try due(), note: request.note)
        case "rectify":
            self = .rectify(note: request.note, evidence: try request.evidence.enumerated().map(Self.evidence))
        case "verify":
            self = .verify(note: request.note)
        case "reopen":
            self = .reopen(reason: request.note, dueAt: try due())
        case "dismiss":
            self = .dismiss(reason: request.note)
        default:
            throw .invalidArgument("Action \"\(request.action.prefix(32))\" is not assign, rectify, verify, reopen or dismiss.")
        }
    }

    /// A rectification document: its name, hash, size and type (the bytes, when sent,
    /// must match the hash; they are not kept).
    private static func evidence(_ index: Int, _ message: Civitas_V1_Evidence) throws(CivitasError) -> Evidence {
        let field = "evidence[\(index)]"
        guard !message.fileName.isEmpty, message.fileName.count <= 255 else {
            throw .invalidArgument("\(field).file_name must be 1 to 255 characters.")
        }
        guard message.sha256.count == 64, message.sha256.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw .invalidArgument("\(field).sha256 must be 64 lower-case hex digits (the SHA-256 of the document).")
        }
        if !message.content.isEmpty, SHA256.hash(data: message.content).hexString != message.sha256 {
            throw .invalidArgument("\(field).sha256 does not match the SHA-256 of the content sent.")
        }
        return Evidence(fileName: message.fileName, sha256: message.sha256, size: message.size, mediaType: message.mediaType)
    }
}
