import CivitasCLISupport
import CivitasClient
import CivitasProtos
import CivitasTesting
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing

/// HQ manages the organization; each role sees its own block ("blocks first").
@Suite struct OrganizationTests {
    /// A tenant with the small organization, and a credential per role.
    struct City {
        let server: TestServer
        let tenant: String
        let hq: String
        let fixture: TenantFixture

        static func make() async throws -> City {
            let server = try await SharedServer.get()
            let fixture = TenantFixture(server: server)
            let tenant = TenantFixture.uniqueID("org")
            try await fixture.createTenant(tenant)
            let hq = try await fixture.issue(tenant: tenant, role: "hq").token
            try await fixture.importSmallOrganization(tenant: tenant, hqToken: hq)
            return City(server: server, tenant: tenant, hq: hq, fixture: fixture)
        }

        func token(_ role: String, scope: String = "") async throws -> String {
            try await fixture.issue(tenant: tenant, role: role, scope: scope).token
        }

        func visible(_ token: String, subcommand: String = "") async throws -> (subcommands: [String], units: [String], points: [String]) {
            let listing = try await server.with(token: token) {
                try await OrganizationListing.fetch(over: $0, tenant: "", subcommand: subcommand, includeInactive: false)
            }
            return (listing.subcommands.map(\.id), listing.units.map(\.id), listing.points.map(\.id))
        }
    }

    @Test func eachRoleSeesItsOwnBlock() async throws {
        let city = try await City.make()
        let hq = try await city.visible(city.hq)
        #expect(hq.subcommands == ["sc-1", "sc-2"])
        #expect(hq.units == ["u-1", "u-2", "u-hq"])
        #expect(hq.points == ["p-1", "p-2"])

        let block = try await city.visible(try await city.token("subcommand", scope: "sc-2"))
        #expect(block.subcommands == ["sc-2"])
        #expect(block.units == ["u-2"])
        #expect(block.points == ["p-2"])

        let unit = try await city.visible(try await city.token("unit", scope: "u-1"))
        #expect(unit.units == ["u-1"])
        #expect(unit.points == ["p-1"])

        let hqLine = try await city.visible(try await city.token("unit", scope: "u-hq"))
        #expect(hqLine.subcommands.isEmpty)
        #expect(hqLine.units == ["u-hq"])
        #expect(hqLine.points.isEmpty)

        let reader = try await city.visible(try await city.token("reader"))
        #expect(reader.units == hq.units)

        let filtered = try await city.visible(city.hq, subcommand: "sc-1")
        #expect(filtered.units == ["u-1"])
    }

    @Test func scopedCredentialCannotListAnotherBlock() async throws {
        let city = try await City.make()
        let token = try await city.token("subcommand", scope: "sc-1")
        await expectRPCError(.permissionDenied, containing: "own block") {
            _ = try await city.visible(token, subcommand: "sc-2")
        }
    }

    @Test(arguments: ["subcommand", "unit", "inspector", "reader"])
    func onlyHQChangesTheOrganization(role: String) async throws {
        let city = try await City.make()
        let token = try await city.token(role, scope: role == "unit" ? "u-1" : role == "subcommand" ? "sc-1" : "")
        await expectRPCError(.permissionDenied, containing: "may not change the organization") {
            try await city.server.with(token: token) { civitas in
                _ = try await civitas.organization.createUnit(.with { $0.id = "u-new"; $0.name = "新单位"; $0.subcommand = "sc-1" })
            }
        }
    }

    @Test func singleEntityCallsReportTheRightStatus() async throws {
        let city = try await City.make()
        try await city.server.with(token: city.hq) { civitas in
            let created = try await civitas.organization.createPoint(.with {
                $0.id = "p-3"; $0.name = "公交站"; $0.subcommand = "sc-1"; $0.type = "bus_stop"
                $0.hasLocation_p = true; $0.latitude = 30.5; $0.longitude = 114.3
            })
            #expect(created.active)
            await expectRPCError(.alreadyExists) {
                _ = try await civitas.organization.createPoint(.with { $0.id = "p-3"; $0.name = "x"; $0.subcommand = "sc-1"; $0.type = "market" })
            }
            await expectRPCError(.notFound) {
                _ = try await civitas.organization.updateUnit(.with { $0.id = "u-none"; $0.name = "x"; $0.active = true })
            }
            await expectRPCError(.invalidArgument, containing: "latitude") {
                _ = try await civitas.organization.createPoint(.with {
                    $0.id = "p-4"; $0.name = "x"; $0.subcommand = "sc-1"; $0.type = "market"; $0.hasLocation_p = true; $0.latitude = 91
                })
            }
            let moved = try await civitas.organization.updateUnit(.with { $0.id = "u-1"; $0.name = "改名单位"; $0.subcommand = "sc-2"; $0.active = true })
            #expect(moved.subcommand == "sc-2")
            await expectRPCError(.failedPrecondition, containing: "still has") {
                _ = try await civitas.organization.deactivateSubcommand(.with { $0.id = "sc-1" })
            }
            _ = try await civitas.organization.deactivatePoint(.with { $0.id = "p-1" })
            _ = try await civitas.organization.deactivatePoint(.with { $0.id = "p-3" })
            let closed = try await civitas.organization.deactivateSubcommand(.with { $0.id = "sc-1" })
            #expect(!closed.active)
            await expectRPCError(.invalidArgument, containing: "deactivated") {
                _ = try await civitas.organization.createUnit(.with { $0.id = "u-9"; $0.name = "x"; $0.subcommand = "sc-1" })
            }
        }
        let hq = try await city.visible(city.hq)
        #expect(hq.subcommands == ["sc-2"])
        #expect(hq.units.sorted() == ["u-1", "u-2", "u-hq"])
    }

    @Test func importIsAllOrNothingAndNamesEveryProblem() async throws {
        let city = try await City.make()
        let text = """
            id,name,subcommand
            u-10,好单位,sc-1
            u-11,,sc-1
            u-12,坏引用,sc-99
            u-10,重复,sc-2
            u-13,另一个好单位,
            """
        var csv = try OrganizationCSV(table: try CSVTable(data: Data(text.utf8), source: "units.csv"), source: "units.csv")
        csv.request.tenant = city.tenant
        let request = csv.request
        let reply = try await city.server.with(token: city.hq) { try await $0.organization.importOrganization(request) }
        #expect(reply.created == 0)
        let problems = reply.errors.map { "\(csv.lines[Int($0.index)]):\($0.field)" }
        #expect(problems == ["3:name", "4:subcommand", "5:id"])
        #expect(reply.errors[2].reason.contains("record 0"))
        let units = try await city.visible(city.hq).units
        #expect(units == ["u-1", "u-2", "u-hq"], "nothing of the refused batch was stored")
    }

    @Test func reimportCountsCreatedUpdatedUnchangedAndDryRunStoresNothing() async throws {
        let city = try await City.make()
        let rows = "id,name,subcommand\nu-1,单位u-1,sc-1\nu-2,新名字,sc-2\nu-3,新单位,sc-2\n"
        var csv = try OrganizationCSV(table: try CSVTable(data: Data(rows.utf8), source: "u.csv"), source: "u.csv")
        csv.request.tenant = city.tenant
        csv.request.dryRun = true
        let dryRequest = csv.request
        let dry = try await city.server.with(token: city.hq) { try await $0.organization.importOrganization(dryRequest) }
        #expect((dry.created, dry.updated, dry.unchanged) == (1, 1, 1))
        #expect(try await city.visible(city.hq).units == ["u-1", "u-2", "u-hq"])

        csv.request.dryRun = false
        let realRequest = csv.request
        let real = try await city.server.with(token: city.hq) { try await $0.organization.importOrganization(realRequest) }
        #expect((real.created, real.updated, real.unchanged) == (1, 1, 1))
        #expect(try await city.visible(city.hq).units == ["u-1", "u-2", "u-3", "u-hq"])
    }

    @Test func listingsArePagedWithoutGapsOrRepeats() async throws {
        let city = try await City.make()
        let rows = (1...250).map { String(format: "pt-%03d,点位%d,sc-%d,community", $0, $0, $0 % 2 + 1) }
        var csv = try OrganizationCSV(
            table: try CSVTable(data: Data(("id,name,subcommand,type\n" + rows.joined(separator: "\n")).utf8), source: "p.csv"), source: "p.csv"
        )
        csv.request.tenant = city.tenant
        let request = csv.request
        try await city.server.with(token: city.hq) { civitas in
            let reply = try await civitas.organization.importOrganization(request)
            #expect(reply.created == 250)
            var seen: [String] = []
            var page = Civitas_V1_ListOrganizationRequest.with { $0.page.pageSize = 40 }
            repeat {
                let reply = try await civitas.organization.listPoints(page)
                #expect(reply.points.count <= 40)
                seen += reply.points.map(\.id)
                page.page.pageToken = reply.nextPageToken
            } while !page.page.pageToken.isEmpty
            #expect(seen.count == 252)
            #expect(Set(seen).count == 252)
            #expect(seen == seen.sorted())
            await expectRPCError(.invalidArgument, containing: "page_size") {
                _ = try await civitas.organization.listPoints(.with { $0.page.pageSize = 5000 })
            }
        }
    }
}
