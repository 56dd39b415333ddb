import CivitasProtos
import Crypto
import Foundation
import Synchronization

/// An evidence document named in a materials CSV, read from disk: its SHA-256, size and
/// media type, and its bytes when small enough to travel with the report.
struct EvidenceFile: Sendable {
    var evidence: Civitas_V1_Evidence
    /// Set when the bytes stay behind (larger than `--evidence-max-bytes`).
    var tooLarge: Bool

    static let mediaTypes: [String: String] = [
        "pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
        "gif": "image/gif", "webp": "image/webp", "heic": "image/heic", "tif": "image/tiff", "tiff": "image/tiff",
        "txt": "text/plain", "md": "text/markdown", "csv": "text/csv", "json": "application/json",
        "xml": "application/xml", "html": "text/html", "htm": "text/html", "zip": "application/zip",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wps": "application/vnd.ms-works", "ofd": "application/ofd", "mp4": "video/mp4", "mp3": "audio/mpeg",
    ]

    static func mediaType(forPath path: String) -> String {
        mediaTypes[(path as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
    }

    /// Reads `path` (relative to `directory` unless absolute).
    static func read(_ path: String, directory: String, maxBytes: Int) throws(CellProblem) -> EvidenceFile {
        let full = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CellProblem("evidence", "the file \"\(path)\" does not exist (paths are relative to the CSV's folder)")
        }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: full), options: .mappedIfSafe) else {
            throw CellProblem("evidence", "the file \"\(path)\" cannot be read")
        }
        var evidence = Civitas_V1_Evidence()
        evidence.fileName = (path as NSString).lastPathComponent
        evidence.sha256 = DerivedKey.hex(SHA256.hash(data: data))
        evidence.size = UInt64(data.count)
        evidence.mediaType = mediaType(forPath: path)
        let tooLarge = data.count > maxBytes
        if !tooLarge { evidence.content = Data(data) }
        return EvidenceFile(evidence: evidence, tooLarge: tooLarge)
    }
}

extension SubmissionReadContext {
    /// Reads an evidence file once per path, however many rows name it.
    func evidence(_ path: String) throws(CellProblem) -> EvidenceFile {
        if let cached = evidenceCache.withLock({ $0[path] }) { return try cached.get() }
        let result = Result { () throws(CellProblem) -> EvidenceFile in
            try EvidenceFile.read(path, directory: directory, maxBytes: evidenceMaxBytes)
        }
        evidenceCache.withLock { $0[path] = result }
        return try result.get()
    }
}
