import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct CredentialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential",
        abstract: "Issue, list and revoke credentials.",
        subcommands: [CredentialIssue.self, CredentialList.self, CredentialRevoke.self]
    )
}

struct CredentialIssue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a credential and print its token (shown this once only).",
        discussion: """
            The token alone goes to stdout, so that `civitas-admin credential issue … > hq.token` \
            stores it; the credential's details go to stderr. Roles: operator, hq, subcommand \
            (scope: its sub-command), unit (scope: its unit), inspector and reader (optional \
            scope: a sub-command).
            """
    )

    @Option(help: "Tenant the credential belongs to (not for operators).")
    var tenant: String?

    @Option(help: "operator, hq, subcommand, unit, inspector or reader.")
    var role: String

    @Option(help: "Sub-command or unit id the credential is limited to.")
    var scope: String?

    @Option(help: "A note saying who or what holds it.")
    var label = ""

    @Option(help: "Expiry: a duration (90d, 12h) or an ISO 8601 date or date-time. Default: never.")
    var expires: String?

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            var request = Civitas_V1_IssueCredentialRequest()
            request.tenant = tenant ?? ""
            request.role = role
            request.scope = scope ?? ""
            request.label = label
            if let expires { request.expiresAt = Google_Protobuf_Timestamp(date: try WhenParser.parse(expires)) }
            let reply = try await civitas.tenantAdmin.issueCredential(request, options: civitas.options)
            if output.json { return try Terminal.printJSON(reply) }
            let credential = reply.credential
            Terminal.note(
                "Issued credential \(credential.id): role \(credential.role)"
                    + (credential.tenant.isEmpty ? "" : ", tenant \(credential.tenant)")
                    + (credential.scope.isEmpty ? "" : ", scope \(credential.scope)")
                    + (credential.hasExpiresAt ? ", expires \(credential.expiresAt.text(ifSet: true))" : ", never expires")
                    + ". The token below is shown only now."
            )
            print(reply.token)
        }
    }
}

struct CredentialList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List credentials (never their tokens).")

    @Option(help: "Only this tenant's credentials.")
    var tenant: String?

    @Flag(name: .customLong("include-revoked"), help: "Show revoked credentials too.")
    var includeRevoked = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let reply = try await civitas.tenantAdmin.listCredentials(
                .with { $0.tenant = tenant ?? ""; $0.includeRevoked = includeRevoked }, options: civitas.options
            )
            if output.json { return try Terminal.printJSON(reply) }
            var table = Table("ID", "TENANT", "ROLE", "SCOPE", "EXPIRES", "REVOKED", "LABEL")
            for credential in reply.credentials {
                table.add(
                    credential.id, credential.tenant.isEmpty ? "-" : credential.tenant, credential.role,
                    credential.scope.isEmpty ? "-" : credential.scope, credential.expiresAt.text(ifSet: credential.hasExpiresAt),
                    credential.revokedAt.text(ifSet: credential.hasRevokedAt), credential.label
                )
            }
            print(table.render())
        }
    }
}

struct CredentialRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke a credential; calls made with it are refused from now on."
    )

    @Argument(help: "Credential id (cr…).")
    var id: String

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let credential = try await civitas.tenantAdmin.revokeCredential(.with { $0.id = id }, options: civitas.options)
            print("Revoked credential \(credential.id) at \(credential.revokedAt.text(ifSet: credential.hasRevokedAt)).")
        }
    }
}
