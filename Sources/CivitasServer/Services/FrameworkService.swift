import CivitasCore
import CivitasProtos
import CivitasStorage
import Crypto
import Foundation
import GRPCCore
import Logging
import SwiftProtobuf

/// Evaluation frameworks (DOMAIN §3): HQ publishes versions, everyone in the tenant
/// reads them. A published version never changes; publishing a changed document makes
/// the next version.
struct FrameworkService: Civitas_V1_FrameworkService.ServiceProtocol {
    let environment: ServerEnvironment

    /// Problems come back in the response (every one, with its path in the document);
    /// nothing is stored when there are any. `dry_run` checks everything and stores nothing.
    func publishFramework(
        request: ServerRequest<Civitas_V1_PublishFrameworkRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_PublishFrameworkResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .publishFramework, requested: message.tenant) { database, _ in
                var reply = Civitas_V1_PublishFrameworkResponse()
                switch FrameworkDocument.parse(message.document) {
                case .failure(let failure):
                    reply.problems = failure.problems.map(Civitas_V1_FrameworkProblem.init)
                case .success(let framework):
                    let document = FrameworkDocument.canonicalJSON(framework)
                    let candidate = FrameworkCandidate(framework: framework, document: document, documentSHA256: SHA256.hash(data: document).hexString)
                    switch try await database.publishFramework(candidate, principal: principal.credentialID, now: environment.now(), dryRun: message.dryRun) {
                    case .refused(let problems):
                        reply.problems = problems.map(Civitas_V1_FrameworkProblem.init)
                    case .published(let stored, let isNew):
                        reply.framework = Civitas_V1_FrameworkVersion(stored, tenant: database.tenant, withDocument: false)
                        if isNew, !message.dryRun {
                            environment.logger.notice(
                                "Framework published",
                                metadata: ["tenant": "\(database.tenant)", "framework": "\(stored.code)", "version": "\(stored.version)", "by": "\(principal.credentialID)"]
                            )
                        }
                    }
                }
                return ServerResponse(message: reply)
            }
        }
    }

    /// Every version of every framework, without documents.
    func listFrameworks(
        request: ServerRequest<Civitas_V1_ListFrameworksRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_ListFrameworksResponse> {
        try await environment.handle(request.metadata, context) { principal in
            try await environment.withTenant(principal, .readFrameworks, requested: request.message.tenant) { database, _ in
                let frameworks = try await database.frameworks()
                return ServerResponse(message: .with {
                    $0.frameworks = frameworks.map { Civitas_V1_FrameworkVersion($0, tenant: database.tenant, withDocument: false) }
                })
            }
        }
    }

    /// One version (0: the latest) with its canonical document.
    func getFramework(
        request: ServerRequest<Civitas_V1_GetFrameworkRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_FrameworkVersion> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            return try await environment.withTenant(principal, .readFrameworks, requested: message.tenant) { database, _ in
                guard !message.code.isEmpty else { throw CivitasError.invalidArgument("code is required: the framework's code, e.g. model-city.") }
                let version = message.version == 0 ? nil : Int(message.version)
                guard let stored = try await database.framework(message.code, version: version) else {
                    let which = version.map { "version \($0) of framework \(message.code)" } ?? "framework \(message.code)"
                    throw CivitasError.notFound("Tenant \(database.tenant) has no \(which); ListFrameworks shows what is published.")
                }
                return ServerResponse(message: Civitas_V1_FrameworkVersion(stored, tenant: database.tenant, withDocument: true))
            }
        }
    }
}
