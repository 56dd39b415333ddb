import CivitasCore
import CivitasProtos
import CivitasStorage
import GRPCCore
import SwiftProtobuf
import Logging

/// The campaign's organization: sub-commands, units and inspection points. HQ writes;
/// every role reads what its block allows (see ``BlockFilter``).
struct OrganizationService: Civitas_V1_OrganizationService.ServiceProtocol {
    let environment: ServerEnvironment

    // MARK: Sub-commands

    func createSubcommand(request: ServerRequest<Civitas_V1_Subcommand>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Subcommand> {
        var entity = Subcommand(request.message)
        entity.active = true
        let tenant = try await writeOne(request, context, tenant: request.message.tenant, .subcommands([entity]), mode: .create)
        return ServerResponse(message: Civitas_V1_Subcommand(entity, tenant: tenant))
    }

    func updateSubcommand(request: ServerRequest<Civitas_V1_Subcommand>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Subcommand> {
        let entity = Subcommand(request.message)
        let tenant = try await writeOne(request, context, tenant: request.message.tenant, .subcommands([entity]), mode: .update)
        return ServerResponse(message: Civitas_V1_Subcommand(entity, tenant: tenant))
    }

    func deactivateSubcommand(request: ServerRequest<Civitas_V1_DeactivateRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Subcommand> {
        let (tenant, entity) = try await deactivate(request, context, .subcommand)
        guard case .subcommand(let subcommand) = entity else { throw RPCError(code: .internalError, message: "Unexpected entity kind.") }
        return ServerResponse(message: Civitas_V1_Subcommand(subcommand, tenant: tenant))
    }

    func listSubcommands(request: ServerRequest<Civitas_V1_ListOrganizationRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_ListSubcommandsResponse> {
        try await list(request, context) { database, query in
            let page = try await database.subcommands(query)
            return .with {
                $0.subcommands = page.items.map { Civitas_V1_Subcommand($0, tenant: database.tenant) }
                $0.nextPageToken = PageToken.encode(page.nextAfter)
            }
        }
    }

    // MARK: Units

    func createUnit(request: ServerRequest<Civitas_V1_Unit>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Unit> {
        var entity = WorkUnit(request.message)
        entity.active = true
        let tenant = try await writeOne(request, context, tenant: request.message.tenant, .units([entity]), mode: .create)
        return ServerResponse(message: Civitas_V1_Unit(entity, tenant: tenant))
    }

    func updateUnit(request: ServerRequest<Civitas_V1_Unit>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Unit> {
        let entity = WorkUnit(request.message)
        let tenant = try await writeOne(request, context, tenant: request.message.tenant, .units([entity]), mode: .update)
        return ServerResponse(message: Civitas_V1_Unit(entity, tenant: tenant))
    }

    func deactivateUnit(request: ServerRequest<Civitas_V1_DeactivateRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_Unit> {
        let (tenant, entity) = try await deactivate(request, context, .unit)
        guard case .unit(let unit) = entity else { throw RPCError(code: .internalError, message: "Unexpected entity kind.") }
        return ServerResponse(message: Civitas_V1_Unit(unit, tenant: tenant))
    }

    func listUnits(request: ServerRequest<Civitas_V1_ListOrganizationRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_ListUnitsResponse> {
        try await list(request, context) { database, query in
            let page = try await database.units(query)
            return .with {
                $0.units = page.items.map { Civitas_V1_Unit($0, tenant: database.tenant) }
                $0.nextPageToken = PageToken.encode(page.nextAfter)
            }
        }
    }

    // MARK: Inspection points

    func createPoint(request: ServerRequest<Civitas_V1_InspectionPoint>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_InspectionPoint> {
        var entity = InspectionPoint(request.message)
        entity.active = true
        let tenant = try await writeOne(request, context, tenant: request.message.tenant, .points([entity]), mode: .create)
        return ServerResponse(message: Civitas_V1_InspectionPoint(entity, tenant: tenant))
    }

    func updatePoint(request: ServerRequest<Civitas_V1_InspectionPoint>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_InspectionPoint> {
        let entity = InspectionPoint(request.message)
        let tenant = try await writeOne(request, context, tenant: request.message.tenant, .points([entity]), mode: .update)
        return ServerResponse(message: Civitas_V1_InspectionPoint(entity, tenant: tenant))
    }

    func deactivatePoint(request: ServerRequest<Civitas_V1_DeactivateRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_InspectionPoint> {
        let (tenant, entity) = try await deactivate(request, context, .point)
        guard case .point(let point) = entity else { throw RPCError(code: .internalError, message: "Unexpected entity kind.") }
        return ServerResponse(message: Civitas_V1_InspectionPoint(point, tenant: tenant))
    }

    func listPoints(request: ServerRequest<Civitas_V1_ListOrganizationRequest>, context: ServerContext) async throws -> ServerResponse<Civitas_V1_ListPointsResponse> {
        try await list(request, context) { database, query in
            let page = try await database.points(query)
            return .with {
                $0.points = page.items.map { Civitas_V1_InspectionPoint($0, tenant: database.tenant) }
                $0.nextPageToken = PageToken.encode(page.nextAfter)
            }
        }
    }

    // MARK: Import

    func importOrganization(
        request: ServerRequest<Civitas_V1_ImportOrganizationRequest>, context: ServerContext
    ) async throws -> ServerResponse<Civitas_V1_ImportOrganizationResponse> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            let kinds = [!message.subcommands.isEmpty, !message.units.isEmpty, !message.points.isEmpty].filter { $0 }.count
            guard kinds == 1 else {
                throw CivitasError.invalidArgument("An import carries rows of exactly one kind (sub-commands, units or points).")
            }
            let batch: OrganizationBatch =
                !message.subcommands.isEmpty ? .subcommands(message.subcommands.map(Subcommand.init))
                : !message.units.isEmpty ? .units(message.units.map(WorkUnit.init))
                : .points(message.points.map(InspectionPoint.init))
            let result = try await environment.withTenant(principal, .writeOrganization, requested: message.tenant) { database, _ in
                try await database.writeOrganization(batch, mode: .upsert, dryRun: message.dryRun, now: environment.now())
            }
            var reply = Civitas_V1_ImportOrganizationResponse()
            switch result {
            case .written(let summary):
                reply.created = UInt32(summary.created)
                reply.updated = UInt32(summary.updated)
                reply.unchanged = UInt32(summary.unchanged)
                if !message.dryRun {
                    environment.logger.notice(
                        "Organization imported",
                        metadata: ["kind": "\(batch.kind.plural)", "rows": "\(batch.count)", "by": "\(principal.credentialID)"]
                    )
                }
            case .refused(let problems):
                reply.errors = problems.map(Civitas_V1_RecordError.init)
            }
            return ServerResponse(message: reply)
        }
    }

    // MARK: Shared paths

    /// Writes one entity through the same validated path as imports; a refusal becomes
    /// one error whose status says what kind of problem it was.
    private func writeOne<Message>(
        _ request: ServerRequest<Message>, _ context: ServerContext, tenant requested: String,
        _ batch: OrganizationBatch, mode: OrganizationWriteMode
    ) async throws -> TenantID {
        try await environment.handle(request.metadata, context) { principal in
            try await environment.withTenant(principal, .writeOrganization, requested: requested) { database, _ in
                switch try await database.writeOrganization(batch, mode: mode, now: environment.now()) {
                case .written: return database.tenant
                case .refused(let problems): throw Self.error(for: problems, kind: batch.kind)
                }
            }
        }
    }

    private static func error(for problems: [RecordProblem], kind: OrganizationKind) -> CivitasError {
        let text = problems.map { "\($0.field) \($0.reason)" }.joined(separator: "; ")
        let message = "The \(kind.rawValue) \"\(problems[0].record.prefix(64))\" was not stored: \(text)."
        switch (problems.count, problems[0].field, problems[0].reason) {
        case (1, "id", "already exists"): return .alreadyExists(message)
        case (1, "id", "does not exist"): return .notFound(message)
        default: return .invalidArgument(message)
        }
    }

    private func deactivate(
        _ request: ServerRequest<Civitas_V1_DeactivateRequest>, _ context: ServerContext, _ kind: OrganizationKind
    ) async throws -> (TenantID, OrganizationEntity) {
        try await environment.handle(request.metadata, context) { principal in
            try await environment.withTenant(principal, .writeOrganization, requested: request.message.tenant) { database, _ in
                (database.tenant, try await database.deactivate(kind, id: request.message.id, now: environment.now()))
            }
        }
    }

    private func list<Response: Sendable>(
        _ request: ServerRequest<Civitas_V1_ListOrganizationRequest>, _ context: ServerContext,
        _ body: (TenantDatabase, OrganizationQuery) async throws -> Response
    ) async throws -> ServerResponse<Response> {
        try await environment.handle(request.metadata, context) { principal in
            let message = request.message
            let response = try await environment.withTenant(principal, .readOrganization, requested: message.tenant) { database, block in
                let query = OrganizationQuery(
                    block: block, subcommand: message.subcommand.isEmpty ? nil : message.subcommand,
                    includeInactive: message.includeInactive, after: try PageToken.decode(message.page.pageToken),
                    limit: try PageToken.size(message.page.pageSize)
                )
                return try await body(database, query)
            }
            return ServerResponse(message: response)
        }
    }
}
