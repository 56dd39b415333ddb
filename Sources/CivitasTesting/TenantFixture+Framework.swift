import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

extension TenantFixture {
    /// A framework for the small organization (``importSmallOrganization(tenant:hqToken:)``),
    /// total 10, pass score 6, small enough to score by hand. It declares the codes of
    /// ``smallCodes`` (publishing it is enough to submit against).
    ///
    /// | leaf | points | measure | scoring | applies in a sub-command |
    /// |---|---|---|---|---|
    /// | `m-rate` | 2 | material mean (u-1, u-2; number 0…100) | linear 0 → 100 | u-1: sc-1, u-2: sc-2 |
    /// | `i-clean` | 2 | inspection pass rate of `c-clean` | linear 0 → 1 | always |
    /// | `f-aqi` | 2 | feed `aqi` ratio_days (daily mean ≤ 100); gate ≥ 0.9 | linear 0 → 1 | never (not per_block) |
    /// | `s-q1` | 2 | survey `s-1` q1 satisfied_rate (≥ 4) | linear 0 → 1 | always |
    /// | `m-plan` | 2 | material all provided (u-1) | boolean | sc-1 only |
    ///
    /// Categories: `env` (m-rate, i-clean, f-aqi; 6 points) and `civ` (spiritual; s-q1,
    /// m-plan; 4 points, gate: at least 0.5 of its points). Time zone Asia/Shanghai.
    public static func smallFrameworkJSON(code: String = "test-city", title: String = "测试测评体系") -> Data {
        let json = """
            {
              "code": "\(code)", "title": "\(title)", "total": 10, "pass_score": 6, "time_zone": "Asia/Shanghai",
              "surveys": [{"code": "s-1", "questions": ["q1", "q2", "q3", "q4", "q5", "q6"], "min_duration_seconds": 60}],
              "feed_metrics": [{"code": "aqi", "unit": "AQI", "min": 0, "max": 500}],
              "checklist_items": [{"code": "c-clean", "description": "地面整洁"}, {"code": "c-order", "description": "秩序良好"}],
              "categories": [
                {"code": "env", "name": "城市环境", "points": 6, "items": [
                  {"code": "env-all", "name": "环境指标", "points": 6, "indicators": [
                    {"code": "m-rate", "name": "达标率", "points": 2, "method": "material", "measure": {"kind": "mean"},
                     "value_kind": "number", "range": {"min": 0, "max": 100}, "units": ["u-1", "u-2"],
                     "scoring": {"rule": "linear", "floor": 0, "target": 100, "direction": "higher"}},
                    {"code": "i-clean", "name": "地面整洁", "points": 2, "method": "inspection", "measure": {"kind": "pass_rate", "check": "c-clean"},
                     "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"}},
                    {"code": "f-aqi", "name": "空气优良天数比例", "points": 2, "method": "feed",
                     "measure": {"kind": "ratio_days", "metric": "aqi", "condition": {"op": "<=", "value": 100}},
                     "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"}, "gate": {"op": ">=", "value": 0.9}}
                  ]}
                ]},
                {"code": "civ", "name": "精神文明", "points": 4, "spiritual": true, "gate": {"min_fraction": 0.5}, "items": [
                  {"code": "civ-all", "name": "文明指标", "points": 4, "indicators": [
                    {"code": "s-q1", "name": "满意度", "points": 2, "method": "survey",
                     "measure": {"kind": "satisfied_rate", "survey": "s-1", "question": "q1", "satisfied_at": 4},
                     "scoring": {"rule": "linear", "floor": 0, "target": 1, "direction": "higher"}},
                    {"code": "m-plan", "name": "工作方案", "points": 2, "method": "material", "measure": {"kind": "all"},
                     "value_kind": "provided", "units": ["u-1"], "scoring": {"rule": "boolean"}}
                  ]}
                ]}
              ]
            }
            """
        return Data(json.utf8)
    }

    /// A tenant with the small organization and the small framework published (which
    /// declares its codes), and its HQ token.
    public func makeEvaluationCity(_ id: String = TenantFixture.uniqueID("eval")) async throws -> (tenant: String, hq: String) {
        try await createTenant(id)
        let hq = try await issue(tenant: id, role: "hq").token
        try await importSmallOrganization(tenant: id, hqToken: hq)
        let reply = try await server.with(token: hq) { civitas in
            try await civitas.frameworks.publishFramework(.with { $0.document = TenantFixture.smallFrameworkJSON() })
        }
        guard reply.problems.isEmpty else { throw ClientError("The small framework was refused: \(reply.problems)") }
        return (id, hq)
    }
}
