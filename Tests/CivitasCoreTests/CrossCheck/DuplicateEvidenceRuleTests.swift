import CivitasCore
import Testing

/// One document passed off twice: by a second unit, or by one unit for two indicators.
@Suite("Cross-check: duplicate evidence")
struct DuplicateEvidenceRuleTests {
    typealias F = CrossCheckFixtures
    typealias Use = DuplicateEvidenceRule.Use
    static let docA = String(repeating: "a", count: 64)
    static let docB = String(repeating: "b", count: 64)
    static let docC = String(repeating: "c", count: 64)

    func run(_ uses: [Use]) -> [Finding] {
        DuplicateEvidenceRule.findings(uses, period: F.october, organization: F.organization)
    }

    @Test("the same document from two units is a high finding against the later one")
    func twoUnits() throws {
        let finding = try #require(
            run([Use(sha256: Self.docA, sequence: 5, unit: "u-07", indicator: "waste"), Use(sha256: Self.docA, sequence: 1, unit: "u-01", indicator: "waste")]).only)
        #expect(finding.rule == .duplicateEvidence)
        #expect(finding.sequences == [1, 5])
        #expect(finding.unit == "u-07" && finding.subcommand == "sc-02")
        #expect(finding.severity == .high)
        #expect(finding.figures["originalSequence"] == 1 && finding.figures["copySequence"] == 5)
        #expect(finding.message.contains("u-01"))
    }

    @Test("one unit using a document for two indicators is a medium finding")
    func twoIndicators() throws {
        let finding = try #require(
            run([Use(sha256: Self.docB, sequence: 2, unit: "u-01", indicator: "waste"), Use(sha256: Self.docB, sequence: 3, unit: "u-01", indicator: "plan")]).only)
        #expect(finding.sequences == [2, 3] && finding.unit == "u-01" && finding.severity == .medium)
    }

    @Test("clean data finds nothing: distinct documents, and a unit re-sending its own report")
    func clean() {
        #expect(
            run([
                Use(sha256: Self.docA, sequence: 1, unit: "u-01", indicator: "waste"),
                Use(sha256: Self.docB, sequence: 2, unit: "u-02", indicator: "waste"),
                Use(sha256: Self.docC, sequence: 4, unit: "u-03", indicator: "waste"),
                Use(sha256: Self.docC, sequence: 6, unit: "u-03", indicator: "waste"),
            ]).isEmpty)
    }

    @Test("hex case does not hide a duplicate; a third user gets its own finding")
    func caseAndThirdUse() {
        let findings = run([
            Use(sha256: Self.docA, sequence: 1, unit: "u-01", indicator: "waste"),
            Use(sha256: Self.docA.uppercased(), sequence: 5, unit: "u-02", indicator: "waste"),
            Use(sha256: Self.docA, sequence: 9, unit: "u-03", indicator: "waste"),
            // u-02 re-sends with the same document: still the one finding for u-02.
            Use(sha256: Self.docA, sequence: 11, unit: "u-02", indicator: "waste"),
        ])
        #expect(findings.map(\.sequences) == [[1, 5], [1, 9]])
    }

    @Test("re-running, in any input order, yields identical ids")
    func stableIdentity() {
        let uses = [
            Use(sha256: Self.docA, sequence: 1, unit: "u-01", indicator: "waste"), Use(sha256: Self.docA, sequence: 5, unit: "u-02", indicator: "waste"),
            Use(sha256: Self.docB, sequence: 2, unit: "u-01", indicator: "waste"), Use(sha256: Self.docB, sequence: 3, unit: "u-01", indicator: "plan"),
        ]
        #expect(Set(run(uses).map(\.id)) == Set(run(uses.reversed()).map(\.id)))
        #expect(run(uses).count == 2)
    }
}
