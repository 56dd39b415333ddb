import CivitasCore
import CivitasStorage
import Crypto
import Foundation
import GRPCCore

/// Turns the `authorization: Bearer …` header into a ``Principal``, or refuses with a
/// sentence that tells the caller what to fix. Checked on every call, against the
/// catalog, so that a revocation or suspension takes effect at once.
struct Authenticator: Sendable {
    let catalog: Catalog
    let now: @Sendable () -> Date

    func authenticate(_ metadata: Metadata) async throws -> Principal {
        let headers = Array(metadata[stringValues: "authorization"])
        guard let header = headers.first else {
            throw CivitasError.unauthenticated(
                "No credential was sent: pass \"authorization: Bearer <token>\" "
                    + "(the CLIs read it from --token-file, CIVITAS_TOKEN or CIVITAS_TOKEN_FILE)."
            )
        }
        guard headers.count == 1 else { throw CivitasError.unauthenticated("More than one authorization header was sent.") }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw CivitasError.unauthenticated("The authorization header must be \"Bearer <token>\".")
        }
        let token = try CredentialToken(parsing: String(parts[1]))
        guard let (credential, tenant) = try await catalog.credentialWithTenant(token.credentialID) else {
            throw CivitasError.unauthenticated("Credential \(token.credentialID) does not exist.")
        }
        guard Self.constantTimeEquals(Data(SHA256.hash(data: Data(token.secret.utf8))), credential.secretSha256) else {
            throw CivitasError.unauthenticated("The token of credential \(credential.id) is not valid.")
        }
        if let revokedAt = credential.revokedAt {
            throw CivitasError.unauthenticated("Credential \(credential.id) was revoked at \(Timestamps.text(revokedAt)).")
        }
        if let expiresAt = credential.expiresAt, expiresAt <= now() {
            throw CivitasError.unauthenticated("Credential \(credential.id) expired at \(Timestamps.text(expiresAt)).")
        }
        let role = try credential.roleValue
        var tenantID: TenantID?
        if let tenant {
            tenantID = try tenant.tenantID
            switch tenant.tenantState {
            case .active: break
            case .suspended:
                throw CivitasError.permissionDenied(
                    "Tenant \(tenant.id) is suspended; its credentials are refused until an operator resumes it."
                )
            case .archived:
                throw CivitasError.permissionDenied("Tenant \(tenant.id) is archived; its credentials no longer work.")
            }
        }
        return Principal(credentialID: credential.id, role: role, tenant: tenantID, scope: credential.scope)
    }

    private static func constantTimeEquals(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

enum Timestamps {
    /// ISO 8601 in UTC, as every message and listing shows times.
    static func text(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
