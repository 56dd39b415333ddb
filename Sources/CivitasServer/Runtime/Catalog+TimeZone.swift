import CivitasCore
import CivitasStorage
import Foundation

extension Catalog {
    /// The tenant's time zone: the one its records' local days (and landed spans) are in,
    /// shared by submissions, evaluations and cross-checks so they never disagree.
    func timeZone(of tenant: TenantID) async throws -> TimeZone {
        let identifier = try await self.tenant(tenant)?.timeZone
        return identifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "Asia/Shanghai")!
    }
}
