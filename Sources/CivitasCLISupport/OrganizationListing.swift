import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

/// Everything of the organization a credential may see, fetched page by page.
public struct OrganizationListing: Sendable {
    public var subcommands: [Civitas_V1_Subcommand] = []
    public var units: [Civitas_V1_Unit] = []
    public var points: [Civitas_V1_InspectionPoint] = []
    /// Which kinds were asked for, so the summary counts only those.
    public var kinds: (subcommands: Bool, units: Bool, points: Bool) = (true, true, true)

    public static func fetch(
        over civitas: CivitasConnection, tenant: String, subcommand: String, includeInactive: Bool,
        subcommands: Bool = true, units: Bool = true, points: Bool = true
    ) async throws -> OrganizationListing {
        var listing = OrganizationListing()
        listing.kinds = (subcommands, units, points)
        var request = Civitas_V1_ListOrganizationRequest()
        request.tenant = tenant
        request.subcommand = subcommand
        request.includeInactive = includeInactive
        request.page.pageSize = 1000
        if subcommands {
            listing.subcommands = try await pages(request) { try await civitas.organization.listSubcommands($0, options: civitas.options) } split: {
                ($0.subcommands, $0.nextPageToken)
            }
        }
        if units {
            listing.units = try await pages(request) { try await civitas.organization.listUnits($0, options: civitas.options) } split: {
                ($0.units, $0.nextPageToken)
            }
        }
        if points {
            listing.points = try await pages(request) { try await civitas.organization.listPoints($0, options: civitas.options) } split: {
                ($0.points, $0.nextPageToken)
            }
        }
        return listing
    }

    private static func pages<Reply, Item>(
        _ first: Civitas_V1_ListOrganizationRequest,
        _ call: (Civitas_V1_ListOrganizationRequest) async throws -> Reply,
        split: (Reply) -> ([Item], String)
    ) async throws -> [Item] {
        var request = first
        var items: [Item] = []
        repeat {
            let (page, next) = split(try await call(request))
            items += page
            request.page.pageToken = next
        } while !request.page.pageToken.isEmpty
        return items
    }

    public var json: [String: Any] {
        func objects(_ messages: [some SwiftProtobuf.Message]) -> [Any] {
            var options = JSONEncodingOptions()
            options.preserveProtoFieldNames = true
            return messages.compactMap { message in
                (try? message.jsonUTF8Data(options: options)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
            }
        }
        return ["subcommands": objects(subcommands), "units": objects(units), "points": objects(points)]
    }

    public func render() -> String {
        var sections: [String] = []
        if !subcommands.isEmpty {
            var table = Table("SUB-COMMAND", "ACTIVE", "NAME")
            for item in subcommands { table.add(item.id, item.active ? "yes" : "no", item.name) }
            sections.append(table.render())
        }
        if !units.isEmpty {
            var table = Table("UNIT", "SUB-COMMAND", "ACTIVE", "NAME")
            for item in units { table.add(item.id, item.subcommand.isEmpty ? "(HQ line)" : item.subcommand, item.active ? "yes" : "no", item.name) }
            sections.append(table.render())
        }
        if !points.isEmpty {
            var table = Table("POINT", "SUB-COMMAND", "TYPE", "ACTIVE", "NAME")
            for item in points { table.add(item.id, item.subcommand, item.type, item.active ? "yes" : "no", item.name) }
            sections.append(table.render())
        }
        let counts = [
            kinds.subcommands ? "\(subcommands.count) sub-command(s)" : nil,
            kinds.units ? "\(units.count) unit(s)" : nil,
            kinds.points ? "\(points.count) point(s)" : nil,
        ]
        let summary = counts.compactMap { $0 }.joined(separator: ", ") + "."
        return (sections + [summary]).joined(separator: "\n\n")
    }
}
