import CivitasCore
import GRPCCore

/// Carries the authenticated principal from the interceptor to the handler inside the
/// request's metadata. (Task-locals set in an interceptor do not reach streaming
/// handlers' bodies.) The interceptor always removes whatever a client sent under this
/// key before adding its own, so the value cannot be forged.
enum PrincipalMetadata {
    static let key = "civitas-authenticated-principal"

    static func replace(in metadata: inout Metadata, with principal: Principal) {
        metadata.removeAllValues(forKey: key)
        let fields = [principal.credentialID, principal.role.rawValue, principal.tenant?.rawValue ?? "", principal.scope ?? ""]
        metadata.addString(fields.joined(separator: "\t"), forKey: key)
    }

    static func strip(from metadata: inout Metadata) {
        metadata.removeAllValues(forKey: key)
    }

    /// The principal the interceptor attached. Its absence is a server bug (a service
    /// registered without the interceptor), so it is refused, never defaulted.
    static func principal(in metadata: Metadata) throws -> Principal {
        let values = Array(metadata[stringValues: key])
        guard values.count == 1 else {
            throw RPCError(code: .unauthenticated, message: "The call carries no authenticated credential.")
        }
        let fields = values[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, let role = Role(rawValue: fields[1]) else {
            throw RPCError(code: .internalError, message: "The authenticated principal could not be read.")
        }
        let tenant = fields[2].isEmpty ? nil : try TenantID(fields[2])
        return Principal(credentialID: fields[0], role: role, tenant: tenant, scope: fields[3].isEmpty ? nil : fields[3])
    }
}
