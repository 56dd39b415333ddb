/// The bearer token format: `cvt_<credential id>_<secret>`.
///
/// The id lets the server find the credential without scanning; the secret (≥ 256 bits,
/// base64url) is compared against the stored SHA-256 hash only. A token therefore
/// never has to be stored, and a leaked catalog yields no usable token.
public struct CredentialToken: Hashable, Sendable {
    public static let prefix = "cvt_"

    public var credentialID: String
    public var secret: String

    public init(credentialID: String, secret: String) {
        self.credentialID = credentialID
        self.secret = secret
    }

    public init(parsing text: String) throws(CivitasError) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix(Self.prefix) else {
            throw .unauthenticated("The bearer token is not a Civitas token (it must start with \"\(Self.prefix)\").")
        }
        let body = trimmed.dropFirst(Self.prefix.count)
        guard let separator = body.firstIndex(of: "_"),
            case let id = String(body[..<separator]), CredentialID.isValid(id),
            case let secret = String(body[body.index(after: separator)...]), secret.utf8.count >= 43
        else {
            throw .unauthenticated("The bearer token is malformed.")
        }
        self.credentialID = id
        self.secret = secret
    }

    public var text: String { Self.prefix + credentialID + "_" + secret }
}

/// Credential ids are public (listed, logged, shown in messages): `cr` + 16 hex digits.
public enum CredentialID {
    public static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        return bytes.count == 18 && id.hasPrefix("cr")
            && bytes.dropFirst(2).allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    public static func parse(_ id: String) throws(CivitasError) -> String {
        guard isValid(id) else {
            throw .invalidArgument("Credential id \"\(id.prefix(40))\" is not valid; ids look like cr0123456789abcdef.")
        }
        return id
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
