import CivitasCore
import CivitasProtos
import Foundation
import GRPCCore
import Logging
import SwiftProtobuf
import Workers

/// Background jobs of the caller's tenant: read, list, cancel, watch. Every query names
/// the tenant the access policy resolved, so another tenant's job reads as "not found".
struct JobService: Civitas_V1_JobService.ServiceProtocol {
    let environment: ServerEnvironment
    let jobs: JobRuntime

    /// How often a watch looks at its job. Progress is written by the worker; a watcher
    /// sees it within this delay.
    static let watchInterval = Duration.milliseconds(250)

    func getJob(request: ServerRequest<Civitas_V1_GetJobRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Job> {
        try await environment.handle(request.metadata, context) { principal in
            let (tenant, _) = try AccessPolicy.authorize(principal, .readJobs, requestedTenant: request.message.tenant)
            return ServerResponse(message: Civitas_V1_Job(try await jobs.queue.job(request.message.id, tenant: tenant)))
        }
    }

    func listJobs(request: ServerRequest<Civitas_V1_ListJobsRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_ListJobsResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            let (tenant, _) = try AccessPolicy.authorize(principal, .readJobs, requestedTenant: message.tenant)
            let query = JobQuery(
                tenant: tenant, state: message.state.isEmpty ? nil : try JobState(parsing: message.state),
                kind: message.kind.isEmpty ? nil : message.kind, after: try PageToken.decode(message.page.pageToken),
                limit: try PageToken.size(message.page.pageSize)
            )
            let page = try await jobs.queue.jobs(query)
            return ServerResponse(message: .with {
                $0.jobs = page.jobs.map(Civitas_V1_Job.init)
                $0.nextPageToken = PageToken.encode(page.nextAfter)
            })
        }
    }

    func cancelJob(request: ServerRequest<Civitas_V1_CancelJobRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Job> {
        try await environment.handle(request.metadata, context) { principal in
            let (tenant, _) = try AccessPolicy.authorize(principal, .manageJobs, requestedTenant: request.message.tenant)
            let job = try await jobs.queue.cancel(request.message.id, tenant: tenant)
            environment.logger.notice("Job cancel requested", metadata: ["job": "\(job.id)", "tenant": "\(tenant)", "by": "\(principal.credentialID)"])
            return ServerResponse(message: Civitas_V1_Job(job))
        }
    }

    /// Sends the job now, then on every change of state, attempt or progress, and ends
    /// after sending a finished job. Ends with UNAVAILABLE when the server shuts down
    /// (a watch must not hold up a graceful shutdown) and stops when the client goes away.
    func watchJob(request: ServerRequest<Civitas_V1_GetJobRequest>, context: ServerContext) async throws -> StreamingServerResponse<Civitas_V1_Job> {
        let (tenant, first) = try await environment.handle(request.metadata, context) { principal in
            let (tenant, _) = try AccessPolicy.authorize(principal, .readJobs, requestedTenant: request.message.tenant)
            return (tenant, try await jobs.queue.job(request.message.id, tenant: tenant))
        }
        return StreamingServerResponse { writer in
            var last = Civitas_V1_Job(first)
            try await writer.write(last)
            while !first.state.isFinished, !last.isFinished {
                try await Task.sleep(for: Self.watchInterval)
                if context.cancellation.isCancelled { break }
                if jobs.isShuttingDown {
                    throw RPCError(code: .unavailable, message: "The server is shutting down; watch job \(first.id) again once it is back.")
                }
                let current = Civitas_V1_Job(try await jobs.queue.job(first.id, tenant: tenant))
                if current != last {
                    try await writer.write(current)
                    last = current
                }
            }
            return [:]
        }
    }
}

extension Civitas_V1_Job {
    var isFinished: Bool { (JobState(rawValue: state) ?? .available).isFinished }
}
