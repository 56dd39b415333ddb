import CivitasCore
import CivitasProtos
import CivitasStorage
import GRPCCore
import Logging
import SwiftProtobuf

/// `whoami`: what the presented credential is and may reach.
struct IdentityService: Civitas_V1_IdentityService.ServiceProtocol {
    let environment: ServerEnvironment

    func whoAmI(
        request: ServerRequest<Civitas_V1_WhoAmIRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_WhoAmIResponse> {
        try await environment.handle(request.metadata, context) { principal in
            guard let (credential, tenant) = try await environment.catalog.credentialWithTenant(principal.credentialID) else {
                throw CivitasError.unauthenticated("Credential \(principal.credentialID) does not exist.")
            }
            var reply = Civitas_V1_WhoAmIResponse()
            reply.credentialID = credential.id
            reply.role = credential.role
            reply.scope = credential.scope ?? ""
            reply.label = credential.label
            if let expiresAt = credential.expiresAt { reply.expiresAt = Google_Protobuf_Timestamp(date: expiresAt) }
            if let tenant {
                reply.tenant = tenant.id
                reply.tenantName = tenant.name
                reply.tenantState = tenant.state
            }
            return ServerResponse(message: reply)
        }
    }
}
