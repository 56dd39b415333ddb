import CivitasCore
import Testing

/// Tenant ids name database files (`tenants/<id>.sqlite`), so the validation is the
/// only thing standing between a request and the file system.
@Suite("TenantID")
struct TenantIDTests {
    @Test(
        "accepts well-formed ids",
        arguments: [
            "abc",  // shortest allowed: 3 characters
            "demo-city",
            "a1-",  // digits and '-' after the first letter
            "z99",
            "a" + String(repeating: "b", count: 39),  // longest allowed: 40 characters
        ]
    )
    func acceptsValid(_ raw: String) throws {
        let id = try TenantID(raw)
        #expect(id.rawValue == raw)
        #expect(id.description == raw)
        #expect(TenantID.isValid(raw))
    }

    @Test(
        "refuses malformed ids with invalidArgument",
        arguments: [
            "",
            "A",
            "ab",  // too short
            "a" + String(repeating: "b", count: 40),  // 41 characters
            "../x",  // path traversal
            "../../etc/passwd",
            "a/bc",
            "1abc",  // must start with a letter
            "-abc",
            "a b",
            "Abc",  // upper case
            "abC",
            "ab_c",
            "ab.c",
            "abc\n",
            "äbc",  // non-ASCII letter
            "abç",
        ]
    )
    func refusesInvalid(_ raw: String) {
        #expect(!TenantID.isValid(raw))
        let error = #expect(throws: CivitasError.self) { try TenantID(raw) }
        #expect(error?.code == .invalidArgument)
    }

    @Test("the refusal message quotes the id and states the rule")
    func messageExplainsRule() {
        let error = #expect(throws: CivitasError.self) { try TenantID("Bad") }
        #expect(error?.message.contains("\"Bad\"") == true)
        #expect(error?.message.contains("3 to 40") == true)
    }

    @Test("a very long refused id is truncated in the message")
    func longIDTruncatedInMessage() {
        // Messages end up in logs and responses: an attacker-sized id must not be echoed whole.
        let raw = String(repeating: "x", count: 5000)
        let error = #expect(throws: CivitasError.self) { try TenantID(raw) }
        #expect(error?.message.contains(String(repeating: "x", count: 64)) == true)
        #expect(error?.message.contains(String(repeating: "x", count: 65)) == false)
    }

    @Test("ids compare and hash by their raw value")
    func ordering() throws {
        let a = try TenantID("alpha")
        let b = try TenantID("beta")
        #expect(a < b)
        #expect(!(b < a))
        #expect(try TenantID("alpha") == a)
        #expect(Set([a, b, try TenantID("alpha")]).count == 2)
        #expect([b, a].sorted() == [a, b])
    }
}
