import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Cron schedules that create jobs, read in the tenant's time zone (default Asia/Shanghai).",
        subcommands: [ScheduleCreate.self, ScheduleList.self, SchedulePause.self, ScheduleResume.self, ScheduleDelete.self]
    )
}

struct ScheduleCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a schedule (HQ only).",
        discussion: """
            CRON is five fields — minute hour day-of-month month day-of-week — e.g. "0 2 1 * *" \
            (02:00 on the 1st: the monthly dispatch). Fields take *, lists, ranges, steps (*/15, \
            1-5/2) and names (jan, mon); when both day fields are restricted either one matches. \
            A downtime that misses occurrences produces one catch-up run.
            """
    )

    @Argument(help: "The cron expression (quote it).")
    var cron: String

    @Option(help: "The job kind each occurrence creates (e.g. probe, evaluation).")
    var kind: String

    @Option(help: "The job's arguments as a JSON object, e.g. '{\"period\": \"previous-month\"}'.")
    var arguments = "{}"

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let schedule = try await civitas.schedules.createSchedule(.with {
                $0.tenant = tenant.value
                $0.cron = cron
                $0.jobKind = kind
                $0.argumentsJson = arguments
            }, options: civitas.options)
            if output.json { return try Terminal.printJSON(schedule) }
            print("Created schedule \(schedule.id) (\(schedule.cron), \(schedule.jobKind)); next run \(schedule.nextRunAt.text(ifSet: schedule.hasNextRunAt)).")
        }
    }
}

struct ScheduleList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tenant's schedules.")

    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await connection.withConnection { civitas in
            let reply = try await civitas.schedules.listSchedules(.with { $0.tenant = tenant.value }, options: civitas.options)
            if output.json { return try Terminal.printJSON(reply) }
            var table = Table("ID", "CRON", "KIND", "PAUSED", "NEXT RUN", "LAST RUN", "ARGUMENTS")
            for schedule in reply.schedules {
                table.add(
                    schedule.id, schedule.cron, schedule.jobKind, schedule.paused ? "yes" : "no",
                    schedule.nextRunAt.text(ifSet: schedule.hasNextRunAt), schedule.lastRunAt.text(ifSet: schedule.hasLastRunAt),
                    schedule.argumentsJson
                )
            }
            print(table.render())
        }
    }
}

/// `pause`, `resume` and `delete` take a schedule id and print what became of it.
struct ScheduleChange {
    static func run(
        _ id: String, tenant: TenantOption, connection: ConnectionOptions, verb: String,
        _ call: @escaping @Sendable (CivitasConnection, Civitas_V1_ScheduleRef) async throws -> Civitas_V1_Schedule
    ) async throws {
        let tenantValue = tenant.value
        try await connection.withConnection { civitas in
            let schedule = try await call(civitas, .with { $0.tenant = tenantValue; $0.id = id })
            print("\(verb) schedule \(schedule.id) (\(schedule.cron), \(schedule.jobKind)).")
        }
    }
}

struct SchedulePause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Stop a schedule from firing (HQ only).")
    @Argument(help: "The schedule id.") var id: String
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await ScheduleChange.run(id, tenant: tenant, connection: connection, verb: "Paused") { civitas, ref in
            try await civitas.schedules.pauseSchedule(ref, options: civitas.options)
        }
    }
}

struct ScheduleResume: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Resume a paused schedule from its next occurrence; missed ones are not caught up (HQ only)."
    )
    @Argument(help: "The schedule id.") var id: String
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await ScheduleChange.run(id, tenant: tenant, connection: connection, verb: "Resumed") { civitas, ref in
            try await civitas.schedules.resumeSchedule(ref, options: civitas.options)
        }
    }
}

struct ScheduleDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a schedule; jobs it created stay (HQ only).")
    @Argument(help: "The schedule id.") var id: String
    @OptionGroup var tenant: TenantOption
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await ScheduleChange.run(id, tenant: tenant, connection: connection, verb: "Deleted") { civitas, ref in
            try await civitas.schedules.deleteSchedule(ref, options: civitas.options)
        }
    }
}
