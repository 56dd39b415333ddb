import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

extension TenantFixture {
    /// A framework for the cross-check city (``importCrossCheckOrganization(tenant:hqToken:)``),
    /// code `cc-city`, five leaves of one point each, time zone Asia/Shanghai, **grace days
    /// 3** (October's records are late when received after 2026-11-04 00:00 Shanghai).
    ///
    /// | leaf | measure | cross-check |
    /// |---|---|---|
    /// | `m-volume` | material mean of u-1…u-6, number 0…1000 | peer and history outliers |
    /// | `m-clean-claim` | material mean of u-1, u-4, number 0…1 | contradiction: checklist item `c-clean`, tolerance 0.1 |
    /// | `m-clean-rate` | material mean of u-3, number 0…1 | peer: leaf `i-clean`, tolerance 0.1 |
    /// | `i-clean` | inspection pass rate of `c-clean` | |
    /// | `s-q1` | survey `s-1` (questions q1…q6, at least 60 s) q1 satisfied rate (≥ 4) | survey integrity |
    public static func crossCheckFrameworkJSON() -> Data {
        Data("""
            {
              "code": "cc-city", "title": "交叉检查测评体系", "total": 5, "pass_score": 3, "time_zone": "Asia/Shanghai", "grace_days": 3,
              "surveys": [{"code": "s-1", "questions": ["q1", "q2", "q3", "q4", "q5", "q6"], "min_duration_seconds": 60}],
              "feed_metrics": [{"code": "aqi", "unit": "AQI", "min": 0, "max": 500}],
              "checklist_items": [{"code": "c-clean", "description": "地面整洁"}],
              "categories": [{"code": "all", "name": "全部", "points": 5, "items": [{"code": "all-items", "name": "全部指标", "points": 5, "indicators": [
                {"code": "m-volume", "name": "志愿服务时长", "points": 1, "method": "material", "measure": {"kind": "mean"}, "value_kind": "number",
                 "range": {"min": 0, "max": 1000}, "units": ["u-1", "u-2", "u-3", "u-4", "u-5", "u-6"],
                 "scoring": {"rule": "linear", "floor": 0, "target": 1000, "direction": "higher"}},
                {"code": "m-clean-claim", "name": "整洁率（申报）", "points": 1, "method": "material", "measure": {"kind": "mean"}, "value_kind": "number",
                 "range": {"min": 0, "max": 1}, "units": ["u-1", "u-4"], "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"},
                 "contradiction": {"check": "c-clean", "tolerance": 0.1}},
                {"code": "m-clean-rate", "name": "整洁率（部门）", "points": 1, "method": "material", "measure": {"kind": "mean"}, "value_kind": "number",
                 "range": {"min": 0, "max": 1}, "units": ["u-3"], "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"},
                 "peer": {"indicator": "i-clean", "tolerance": 0.1}},
                {"code": "i-clean", "name": "地面整洁", "points": 1, "method": "inspection", "measure": {"kind": "pass_rate", "check": "c-clean"},
                 "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"}},
                {"code": "s-q1", "name": "满意度", "points": 1, "method": "survey",
                 "measure": {"kind": "satisfied_rate", "survey": "s-1", "question": "q1", "satisfied_at": 4},
                 "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"}}
              ]}]}]
            }
            """.utf8)
    }

    /// Sub-commands sc-1, sc-2, sc-3; units u-1…u-3 (sc-1), u-4…u-6 (sc-2) and u-hq (an HQ
    /// line); points p-1…p-3 (sc-1), p-4, p-5 (sc-2), p-6, p-7 (sc-3).
    public func importCrossCheckOrganization(tenant: String, hqToken: String) async throws {
        try await server.with(token: hqToken) { civitas in
            _ = try await civitas.organization.importOrganization(.with {
                $0.tenant = tenant
                $0.subcommands = (1...3).map { index in .with { $0.id = "sc-\(index)"; $0.name = "第\(index)分指挥部"; $0.active = true } }
            })
            let units = (1...6).map { ("u-\($0)", $0 <= 3 ? "sc-1" : "sc-2") } + [("u-hq", "")]
            _ = try await civitas.organization.importOrganization(.with {
                $0.tenant = tenant
                $0.units = units.map { id, block in .with { $0.id = id; $0.name = "单位\(id)"; $0.subcommand = block; $0.active = true } }
            })
            let points = [("p-1", "sc-1"), ("p-2", "sc-1"), ("p-3", "sc-1"), ("p-4", "sc-2"), ("p-5", "sc-2"), ("p-6", "sc-3"), ("p-7", "sc-3")]
            _ = try await civitas.organization.importOrganization(.with {
                $0.tenant = tenant
                $0.points = points.map { id, block in .with { $0.id = id; $0.name = "点位\(id)"; $0.subcommand = block; $0.type = "market"; $0.active = true } }
            })
        }
    }

    /// A tenant with the cross-check organization and framework published, and its HQ token.
    public func makeCrossCheckCity(_ id: String = TenantFixture.uniqueID("cc")) async throws -> (tenant: String, hq: String) {
        try await createTenant(id)
        let hq = try await issue(tenant: id, role: "hq").token
        try await importCrossCheckOrganization(tenant: id, hqToken: hq)
        let reply = try await server.with(token: hq) { civitas in
            try await civitas.frameworks.publishFramework(.with { $0.document = TenantFixture.crossCheckFrameworkJSON() })
        }
        guard reply.problems.isEmpty else { throw ClientError("The cross-check framework was refused: \(reply.problems)") }
        return (id, hq)
    }
}
