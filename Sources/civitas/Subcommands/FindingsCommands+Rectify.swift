import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation

struct FindingsRectify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rectify",
        abstract: "Report a finding rectified, with a note and evidence (the assigned unit, or the sub-command of its block).",
        discussion: """
            Each evidence file is sent with its file name, SHA-256, size and media type, and its \
            bytes when at most --evidence-max-bytes (as `civitas submit materials` sends evidence). \
            Paths are relative to the current folder.
            """
    )

    @OptionGroup var move: FindingMoveOptions

    @Option(help: "What was done to rectify it.")
    var note: String

    @Option(parsing: .upToNextOption, help: "Evidence files (at least one).")
    var evidence: [String] = []

    @Option(name: .customLong("evidence-max-bytes"), help: "Larger evidence files are sent as SHA-256, size and type only.")
    var evidenceMaxBytes = 8 << 20

    func validate() throws {
        // The files are read in run(); here only what needs no disk.
        _ = try checked { () throws(ClientError) in
            try FindingTransition.rectify(id: move.id, note: note, evidence: evidence.isEmpty ? [] : [Civitas_V1_Evidence()])
        }
        guard evidenceMaxBytes >= 0 else { throw ValidationError("--evidence-max-bytes must be 0 or more, not \(evidenceMaxBytes).") }
    }

    func run() async throws {
        var request: Civitas_V1_TransitionFindingRequest?
        try await CommandFailure.run {
            let files = try RectificationEvidence.read(evidence, maxBytes: evidenceMaxBytes)
            for name in files.sentWithoutBytes {
                Terminal.note("note: \(name) is larger than --evidence-max-bytes; only its SHA-256, size and type are sent.")
            }
            request = try FindingTransition.rectify(id: move.id, note: note, evidence: files.evidence)
        }
        guard let request else { return }
        try await move.send(request)
    }
}
