import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

/// Creates tenants and credentials through the real admin API, as an operator would.
public struct TenantFixture: Sendable {
    public let server: TestServer

    public init(server: TestServer) {
        self.server = server
    }

    /// A tenant id no other test uses.
    public static func uniqueID(_ prefix: String = "t") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    @discardableResult
    public func createTenant(_ id: String, name: String = "测试城市") async throws -> Civitas_V1_Tenant {
        try await server.with(token: server.operatorToken) { civitas in
            try await civitas.tenantAdmin.createTenant(.with { $0.id = id; $0.name = name })
        }
    }

    /// Issues a credential and returns its token.
    public func issue(
        tenant: String, role: String, scope: String = "", expiresAt: Date? = nil
    ) async throws -> Civitas_V1_IssueCredentialResponse {
        try await server.with(token: server.operatorToken) { civitas in
            try await civitas.tenantAdmin.issueCredential(.with {
                $0.tenant = tenant
                $0.role = role
                $0.scope = scope
                if let expiresAt { $0.expiresAt = Google_Protobuf_Timestamp(date: expiresAt) }
            })
        }
    }

    /// Imports a small organization: sub-commands sc-1 and sc-2, units u-1 (sc-1),
    /// u-2 (sc-2) and u-hq (an HQ line), points p-1 (sc-1) and p-2 (sc-2).
    public func importSmallOrganization(tenant: String, hqToken: String) async throws {
        try await server.with(token: hqToken) { civitas in
            _ = try await civitas.organization.importOrganization(.with {
                $0.tenant = tenant
                $0.subcommands = [("sc-1", "第一分指挥部"), ("sc-2", "第二分指挥部")].map { id, name in .with { $0.id = id; $0.name = name; $0.active = true } }
            })
            _ = try await civitas.organization.importOrganization(.with {
                $0.tenant = tenant
                $0.units = [("u-1", "sc-1"), ("u-2", "sc-2"), ("u-hq", "")].map { id, block in
                    .with { $0.id = id; $0.name = "单位\(id)"; $0.subcommand = block; $0.active = true }
                }
            })
            _ = try await civitas.organization.importOrganization(.with {
                $0.tenant = tenant
                $0.points = [("p-1", "sc-1"), ("p-2", "sc-2")].map { id, block in
                    .with { $0.id = id; $0.name = "点位\(id)"; $0.subcommand = block; $0.type = "market"; $0.active = true }
                }
            })
        }
    }
}
