import CivitasCore
import Testing

/// Bearer tokens are `cvt_<credential id>_<secret>`; anything else must be refused as
/// unauthenticated before any lookup happens.
@Suite("CredentialToken")
struct CredentialTokenTests {
    static let id = "cr0123456789abcdef"
    /// 43 characters of base64url: the shortest secret accepted (256 bits).
    static let secret = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"

    @Test("text and parsing round-trip")
    func roundTrip() throws {
        let token = CredentialToken(credentialID: Self.id, secret: Self.secret)
        #expect(token.text == "cvt_\(Self.id)_\(Self.secret)")
        let parsed = try CredentialToken(parsing: token.text)
        #expect(parsed == token)
        #expect(parsed.credentialID == Self.id)
        #expect(parsed.secret == Self.secret)
    }

    @Test("a secret containing '_' is kept whole (base64url uses it)")
    func underscoreInSecret() throws {
        let secret = "____" + String(repeating: "a", count: 40) + "_"
        let parsed = try CredentialToken(parsing: "cvt_\(Self.id)_\(secret)")
        #expect(parsed.secret == secret)
        #expect(parsed.credentialID == Self.id)
    }

    @Test("surrounding whitespace (e.g. a pasted token with a newline) is ignored")
    func trimsWhitespace() throws {
        let parsed = try CredentialToken(parsing: "  cvt_\(Self.id)_\(Self.secret)\n")
        #expect(parsed == CredentialToken(credentialID: Self.id, secret: Self.secret))
    }

    @Test(
        "malformed tokens are unauthenticated",
        arguments: [
            "",
            "cvt_",
            "Bearer cvt_cr0123456789abcdef_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",
            "CVT_cr0123456789abcdef_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",  // prefix is case-sensitive
            "xyz_cr0123456789abcdef_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",
            "cvt_cr0123456789abcdef",  // no secret
            "cvt_cr0123456789abcdef_",  // empty secret
            "cvt_cr0123456789abcdef_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd",  // 42-character secret
            "cvt_cr0123456789ABCDEF_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",  // upper-case hex
            "cvt_cr0123456789abcde_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",  // id too short
            "cvt_xx0123456789abcdef_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",  // id without "cr"
            "cvt__AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",  // empty id
        ]
    )
    func malformed(_ text: String) {
        let error = #expect(throws: CivitasError.self) { try CredentialToken(parsing: text) }
        #expect(error?.code == .unauthenticated)
    }

    @Test("a refused token is never echoed in the error message")
    func secretNotEchoed() {
        // Messages are logged; a near-miss token still carries a real secret.
        let text = "cvt_crZZZZZZZZZZZZZZZZ_\(Self.secret)"
        let error = #expect(throws: CivitasError.self) { try CredentialToken(parsing: text) }
        #expect(error?.message.contains(Self.secret) == false)
    }

    // MARK: CredentialID

    @Test("valid credential ids", arguments: ["cr0123456789abcdef", "crffffffffffffffff", "cr0000000000000000"])
    func validIDs(_ id: String) throws {
        #expect(CredentialID.isValid(id))
        #expect(try CredentialID.parse(id) == id)
    }

    @Test(
        "invalid credential ids",
        arguments: [
            "", "cr", "cr0123456789abcde", "cr0123456789abcdef0", "cr0123456789abcdeg", "cr0123456789ABCDEF",
            "CR0123456789abcdef", "xx0123456789abcdef", "cr0123456789abcd-f", "cr0123456789abcdé",
        ]
    )
    func invalidIDs(_ id: String) {
        #expect(!CredentialID.isValid(id))
        let error = #expect(throws: CivitasError.self) { try CredentialID.parse(id) }
        #expect(error?.code == .invalidArgument)
    }
}
