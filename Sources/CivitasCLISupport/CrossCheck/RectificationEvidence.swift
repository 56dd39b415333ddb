import CivitasClient
import CivitasProtos
import Foundation

/// The evidence of a rectification, read the way `civitas submit materials` reads a
/// report's: file name, SHA-256, size and media type, and the bytes when at most
/// `maxBytes` (larger documents travel as their hash only, to be handed over otherwise).
public enum RectificationEvidence {
    public struct Files: Sendable {
        public var evidence: [Civitas_V1_Evidence]
        /// File names whose bytes stayed behind, for a note to the user.
        public var sentWithoutBytes: [String]
    }

    /// Reads every path (relative to `directory`), once per distinct document: naming
    /// the same bytes twice sends them once.
    public static func read(
        _ paths: [String], directory: String = FileManager.default.currentDirectoryPath, maxBytes: Int
    ) throws(ClientError) -> Files {
        guard maxBytes >= 0 else { throw ClientError("--evidence-max-bytes must be 0 or more, not \(maxBytes).") }
        var files = Files(evidence: [], sentWithoutBytes: [])
        var seen = Set<String>()
        for path in paths {
            let file: EvidenceFile
            do {
                file = try EvidenceFile.read(path, directory: directory, maxBytes: maxBytes)
            } catch {
                throw ClientError("--evidence \(path): \(error.reason.replacingOccurrences(of: " (paths are relative to the CSV's folder)", with: "")).")
            }
            guard seen.insert(file.evidence.sha256).inserted else { continue }
            files.evidence.append(file.evidence)
            if file.tooLarge { files.sentWithoutBytes.append(file.evidence.fileName) }
        }
        return files
    }
}
