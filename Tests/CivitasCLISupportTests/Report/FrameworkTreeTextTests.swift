@testable import CivitasCLISupport
import CivitasCore
import Foundation
import Testing

@Suite("Framework tree")
struct FrameworkTreeTextTests {
    @Test("Categories, items and indicators with points, method, measure, rule, gate and tag")
    func tree() {
        let text = FrameworkTreeText.render(ReportFixtures.framework(), version: 3, spiritualShare: 0.3)
        let lines = text.components(separatedBy: "\n")
        #expect(lines[0] == "test-city v3  测试城市测评体系")
        #expect(lines[1] == "total 100  pass score 90  spiritual share 30.00%  profile model-city (spiritual >= 30.00%)")
        #expect(lines.contains("A  未成年人思想道德建设  30 pts  [spiritual 精神文明]  gate: earned >= 0.85 of points"))
        #expect(lines.contains("  A1  学校与家庭  30 pts"))
        #expect(lines.contains("    A1.1  家长满意率  20 pts"))
        #expect(lines.contains("      method survey: survey S1 q1 satisfied_rate(>= 4) · scoring linear 0.6 → 0.9 (higher) · min samples 30"))
        #expect(lines.contains("      method feed: feed aqi ratio_days(daily mean <= 100) · scoring threshold >= 0.9 · gate v >= 0.9"))
        #expect(lines.contains("      reports number 0…1; units u1, u2"))
        #expect(lines.contains("      method material: material all · scoring boolean"))
        #expect(lines.contains("  aqi  unit index  range 0…500"))
    }

    @Test("Every label exists in both languages")
    func labels() {
        for label in ReportLabel.allCases {
            #expect(!label.text(.zh).isEmpty && !label.text(.en).isEmpty, "\(label)")
        }
    }
}
