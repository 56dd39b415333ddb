import CivitasCore
import CivitasStorage
import Crypto
import Foundation

/// Makes new credentials: a random id, a random 256-bit secret, and the record that
/// stores only the secret's SHA-256. The token is returned once and never kept.
enum CredentialIssuer {
    static func make(
        role: Role, tenant: TenantID?, scope: String?, label: String, expiresAt: Date?, now: Date
    ) -> (record: CredentialRecord, token: CredentialToken) {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        let idBytes = (0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secretBytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let id = "cr" + idBytes.map { String(format: "%02x", $0) }.joined()
        let secret = Data(secretBytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let token = CredentialToken(credentialID: id, secret: secret)
        let record = CredentialRecord(
            id: id, tenantId: tenant?.rawValue, role: role.rawValue, scope: scope, label: label,
            secretSha256: Data(SHA256.hash(data: Data(secret.utf8))), createdAt: now, expiresAt: expiresAt,
            revokedAt: nil
        )
        return (record, token)
    }
}
