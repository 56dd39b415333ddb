import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import GRPCCore
import Logging
import SwiftProtobuf
import Workers

/// Per-tenant cron schedules. A schedule reads its cron expression in the tenant's time
/// zone (from the catalog, when it is created; default Asia/Shanghai).
struct ScheduleService: Civitas_V1_ScheduleService.ServiceProtocol {
    let environment: ServerEnvironment
    let jobs: JobRuntime

    func createSchedule(request: ServerRequest<Civitas_V1_CreateScheduleRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Schedule> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            let (tenant, _) = try AccessPolicy.authorize(principal, .manageSchedules, requestedTenant: message.tenant)
            let cron = try CronExpression(parsing: message.cron)
            guard jobs.handlers.handler(for: message.jobKind) != nil else {
                throw CivitasError.invalidArgument(
                    "Job kind \"\(message.jobKind.prefix(60))\" is not one this server runs; known kinds: \(jobs.handlers.kinds.joined(separator: ", "))."
                )
            }
            let arguments = message.argumentsJson.isEmpty ? "{}" : message.argumentsJson
            guard (try? JSONSerialization.jsonObject(with: Data(arguments.utf8))) is [String: Any] else {
                throw CivitasError.invalidArgument("arguments_json must be a JSON object, e.g. {\"period\": \"2026-10\"}.")
            }
            let zone = try TimeZoneOffsets(identifier: try await environment.catalog.tenant(tenant)?.timeZone ?? "")
            let schedule = try await jobs.queue.createSchedule(
                NewSchedule(tenant: tenant, cron: cron, timeZone: zone.zone, jobKind: message.jobKind, argumentsJSON: arguments)
            )
            environment.logger.notice(
                "Schedule created", metadata: ["schedule": "\(schedule.id)", "tenant": "\(tenant)", "cron": "\(cron)", "by": "\(principal.credentialID)"]
            )
            return ServerResponse(message: Civitas_V1_Schedule(schedule))
        }
    }

    func listSchedules(request: ServerRequest<Civitas_V1_ListSchedulesRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_ListSchedulesResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let (tenant, _) = try AccessPolicy.authorize(principal, .readJobs, requestedTenant: request.message.tenant)
            let schedules = try await jobs.queue.schedules(tenant: tenant)
            return ServerResponse(message: .with { $0.schedules = schedules.map(Civitas_V1_Schedule.init) })
        }
    }

    func pauseSchedule(request: ServerRequest<Civitas_V1_ScheduleRef>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Schedule> {
        try await change(request, context, "paused") { id, tenant in try await jobs.queue.setSchedulePaused(id, tenant: tenant, paused: true) }
    }

    func resumeSchedule(request: ServerRequest<Civitas_V1_ScheduleRef>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Schedule> {
        try await change(request, context, "resumed") { id, tenant in try await jobs.queue.setSchedulePaused(id, tenant: tenant, paused: false) }
    }

    func deleteSchedule(request: ServerRequest<Civitas_V1_ScheduleRef>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Schedule> {
        try await change(request, context, "deleted") { id, tenant in try await jobs.queue.deleteSchedule(id, tenant: tenant) }
    }

    private func change(
        _ request: ServerRequest<Civitas_V1_ScheduleRef>, _ context: ServerContext, _ what: String,
        _ body: (String, TenantID) async throws -> Schedule
    ) async throws -> ServerResponse<Civitas_V1_Schedule> {
        try await environment.handle(request.metadata, context) { principal in
            let (tenant, _) = try AccessPolicy.authorize(principal, .manageSchedules, requestedTenant: request.message.tenant)
            let schedule = try await body(request.message.id, tenant)
            environment.logger.notice("Schedule \(what)", metadata: ["schedule": "\(schedule.id)", "tenant": "\(tenant)", "by": "\(principal.credentialID)"])
            return ServerResponse(message: Civitas_V1_Schedule(schedule))
        }
    }
}
