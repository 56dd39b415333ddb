import ArgumentParser

/// `civitas`: the district client — what HQ, sub-commands, units and inspectors run.
@main
struct Civitas: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civitas",
        abstract: "Work with a city's Civitas campaign: identity and organization.",
        discussion: """
            Connection options fall back to CIVITAS_SERVER, CIVITAS_CA, CIVITAS_TOKEN and \
            CIVITAS_TOKEN_FILE; the tenant defaults to the credential's own (CIVITAS_TENANT).
            """,
        subcommands: [WhoAmI.self, OrgCommand.self, SubmitCommand.self, RecordsCommand.self, CodesCommand.self, AuditCommand.self, JobsCommand.self, ScheduleCommand.self,
                      FrameworkCommand.self, EvaluateCommand.self, ReportCommand.self,
                      CrossCheckCommand.self, FindingsCommand.self]
    )
}
