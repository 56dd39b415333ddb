import CivitasCore
import Foundation
internal import GRDB

extension TenantDatabase {
    /// The cross-inspection assignment of `period` for `seed` (DOMAIN §6,
    /// ``CrossInspection/assign(points:subcommands:period:seed:)``) over the organization
    /// as it is now, read in one snapshot. Nothing is stored: the same organization and
    /// seed always give the same plan. Refused (failed precondition) when no balanced
    /// assignment exists, with the reason.
    public func crossInspectionPlan(period: Period, seed: UInt64) async throws -> CrossInspectionPlan {
        let (points, subcommands) = try await pool.read { db in
            (try PointRow.fetchAll(db).map(\.entity), try SubcommandRow.fetchAll(db).map(\.entity))
        }
        return try CrossInspection.assign(points: points, subcommands: subcommands, period: period, seed: seed)
    }
}
