@testable import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import Testing

@Suite("Rectification evidence files")
struct RectificationEvidenceTests {
    /// SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1).
    let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test("Name, SHA-256, size, media type and the bytes, like a material report's evidence")
    func read() throws {
        let folder = try TemporaryFolder()
        try folder.write("整改后照片.JPG", "abc")
        let files = try RectificationEvidence.read(["整改后照片.JPG"], directory: folder.path, maxBytes: 1024)
        let evidence = try #require(files.evidence.first)
        #expect(evidence.fileName == "整改后照片.JPG" && evidence.sha256 == abcDigest && evidence.size == 3)
        #expect(evidence.mediaType == "image/jpeg" && evidence.content == Data("abc".utf8))
        #expect(files.sentWithoutBytes.isEmpty)
    }

    @Test("A file above the limit travels as its hash, size and type; the same bytes named twice go once")
    func limitAndDuplicates() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.pdf", "abc")
        try folder.write("copy/a-again.pdf", "abc")
        try folder.write("b.txt", "b")
        let files = try RectificationEvidence.read(["a.pdf", "copy/a-again.pdf", "b.txt"], directory: folder.path, maxBytes: 2)
        #expect(files.evidence.map(\.fileName) == ["a.pdf", "b.txt"])
        #expect(files.evidence[0].content.isEmpty && files.evidence[0].size == 3 && files.evidence[0].sha256 == abcDigest)
        #expect(files.evidence[1].content == Data("b".utf8) && files.evidence[1].mediaType == "text/plain")
        #expect(files.sentWithoutBytes == ["a.pdf"])
    }

    @Test("A missing file is refused naming --evidence and the path")
    func missing() throws {
        let folder = try TemporaryFolder()
        #expect(throws: ClientError.self) { try RectificationEvidence.read(["nope.pdf"], directory: folder.path, maxBytes: 10) }
        do {
            _ = try RectificationEvidence.read(["nope.pdf"], directory: folder.path, maxBytes: 10)
        } catch {
            #expect(error.message == "--evidence nope.pdf: the file \"nope.pdf\" does not exist.")
        }
    }
}
