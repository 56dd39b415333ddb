import CivitasCore
import Foundation

/// A small valid framework document (total 10) that refusal tests break one snippet at a time.
///
/// Tree: minors (4, spiritual, gate 0.85) → minors-school (4) → m-hours 2.5 + s-satisfaction 1.5;
/// environment (6) → env-air (3) → f-good-air 3; env-city (3) → i-clean 2 + m-plan 1.
/// Spiritual share 4 ÷ 10 = 0.4, exactly the profile's minimum.
enum FrameworkFixture {
    static let valid = """
        {
          "code": "test-city", "title": "测试测评体系", "description": "Test framework.", "total": 10, "pass_score": 9,
          "time_zone": "Asia/Shanghai", "grace_days": 5,
          "profile": {"name": "test", "minimum_spiritual_share": 0.4},
          "surveys": [{"code": "citizen", "questions": ["q1", "q2"], "min_duration_seconds": 60}],
          "feed_metrics": [{"code": "aqi", "unit": "AQI", "min": 0, "max": 500}],
          "checklist_items": [{"code": "clean", "description": "路面整洁"}],
          "categories": [
            {"code": "minors", "name": "未成年人思想道德建设", "points": 4, "spiritual": true, "gate": {"min_fraction": 0.85}, "items": [
              {"code": "minors-school", "name": "学校德育", "points": 4, "indicators": [
                {"code": "m-hours", "name": "德育课时", "points": 2.5, "method": "material", "measure": {"kind": "mean"},
                 "value_kind": "number", "range": {"min": 0, "max": 400}, "units": ["u-1", "u-2"],
                 "scoring": {"rule": "linear", "floor": 40, "target": 80, "direction": "higher"}},
                {"code": "s-satisfaction", "name": "满意度", "points": 1.5, "method": "survey",
                 "measure": {"kind": "satisfied_rate", "survey": "citizen", "question": "q1", "satisfied_at": 4},
                 "scoring": {"rule": "bands", "direction": "higher", "bands": [{"bound": 0.9, "fraction": 1}, {"bound": 0.8, "fraction": 0.5}]}}
              ]}
            ]},
            {"code": "environment", "name": "生态环境", "points": 6, "items": [
              {"code": "env-air", "name": "空气质量", "points": 3, "indicators": [
                {"code": "f-good-air", "name": "优良天数比例", "points": 3, "method": "feed",
                 "measure": {"kind": "ratio_days", "metric": "aqi", "condition": {"op": "<=", "value": 100}},
                 "scoring": {"rule": "threshold", "target": 0.9, "direction": "higher"},
                 "gate": {"op": ">=", "value": 0.9}, "min_samples": 20, "per_block": false}
              ]},
              {"code": "env-city", "name": "市容环境", "points": 3, "indicators": [
                {"code": "i-clean", "name": "路面整洁", "points": 2, "method": "inspection", "measure": {"kind": "pass_rate", "check": "clean"},
                 "scoring": {"rule": "linear", "floor": 0.7, "target": 0.95, "direction": "higher"}},
                {"code": "m-plan", "name": "方案报备", "points": 1, "method": "material", "measure": {"kind": "all"},
                 "value_kind": "provided", "units": ["u-1"], "scoring": {"rule": "boolean"}}
              ]}
            ]}
          ]
        }
        """

    /// The fixture with each `(old, new)` snippet replaced; every `old` must occur exactly
    /// once, so a test cannot silently edit nothing.
    static func document(_ edits: [(String, String)] = []) -> Data {
        var text = valid
        for (old, new) in edits {
            precondition(text.components(separatedBy: old).count == 2, "fixture snippet \(old) must occur exactly once")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return Data(text.utf8)
    }

    static func problems(_ edits: [(String, String)]) -> [FrameworkProblem] {
        switch FrameworkDocument.parse(document(edits)) {
        case .success: []
        case .failure(let problems): problems.problems
        }
    }

    static func framework() throws -> Framework { try FrameworkDocument.parse(document()).get() }
}
