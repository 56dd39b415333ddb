import ArgumentParser

/// `civitas-admin`: platform operations — tenants, credentials, backups.
@main
struct CivitasAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civitas-admin",
        abstract: "Operate a Civitas server: tenants, credentials, backups.",
        discussion: """
            Needs an operator credential: on a fresh server, the bootstrap token is in \
            <data>/operator.token. Connection options fall back to CIVITAS_SERVER, CIVITAS_CA, \
            CIVITAS_TOKEN and CIVITAS_TOKEN_FILE.
            """,
        subcommands: [TenantCommand.self, CredentialCommand.self]
    )
}
