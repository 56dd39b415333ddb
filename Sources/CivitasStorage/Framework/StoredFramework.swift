import CivitasCore
import Foundation

/// One published version of a framework, as the tenant's file holds it.
public struct StoredFramework: Hashable, Sendable {
    public var code: String
    /// 1, 2, …: each code counts its own versions.
    public var version: Int
    public var title: String
    public var total: Double
    public var passScore: Double
    public var spiritualShare: Double
    /// Lower-case hex SHA-256 of ``document``.
    public var documentSHA256: String
    public var publishedAt: Date
    /// The credential that published it.
    public var publishedBy: String
    /// The canonical JSON (``FrameworkDocument/canonicalJSON(_:)``); nil in listings.
    public var document: Data?

    public init(
        code: String, version: Int, title: String, total: Double, passScore: Double, spiritualShare: Double, documentSHA256: String,
        publishedAt: Date, publishedBy: String, document: Data?
    ) {
        self.code = code
        self.version = version
        self.title = title
        self.total = total
        self.passScore = passScore
        self.spiritualShare = spiritualShare
        self.documentSHA256 = documentSHA256
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.document = document
    }
}

/// A validated framework on its way to being published: the tree and its canonical
/// bytes with their hash (computed by the caller, which owns the hex formatting).
public struct FrameworkCandidate: Sendable {
    public var framework: Framework
    public var document: Data
    public var documentSHA256: String

    public init(framework: Framework, document: Data, documentSHA256: String) {
        self.framework = framework
        self.document = document
        self.documentSHA256 = documentSHA256
    }
}

/// What publishing did.
public enum FrameworkPublication: Sendable {
    /// Stored as a new version, or — `isNew` false — the document equals the latest
    /// version's, which is returned as it is (re-running a deploy script changes nothing).
    /// A dry run reports the version it would have been given, and stores nothing.
    case published(StoredFramework, isNew: Bool)
    /// Nothing was stored; every problem names its path in the document.
    case refused([FrameworkProblem])
}
