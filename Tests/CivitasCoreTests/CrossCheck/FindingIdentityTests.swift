import CivitasCore
import Testing

/// Storage upserts findings by id, so the id must depend on exactly rule, records and
/// subject (rule and subject for a finding identified by its subject alone): the same
/// data gives the same id, anything else a different one.
@Suite("Cross-check: finding identity")
struct FindingIdentityTests {
    static func finding(
        rule: CrossCheckRule = .peerOutlier, sequences: [Int64] = [7, 3],
        subject: String = "indicator=waste;unit=u-07;period=2026-10", x: Double = 50
    ) -> Finding {
        Finding(
            rule: rule, subject: subject, sequences: sequences, figures: ["x": x], severity: .high, unit: "u-07", subcommand: "sc-02",
            period: "2026-10", message: "m")
    }

    @Test("the id is SHA-256 of rule, sorted sequences and subject, first 128 bits in hex")
    func golden() {
        // printf 'peer_outlier\n3,7\nindicator=waste;unit=u-07;period=2026-10' | sha256sum | cut -c1-32
        #expect(Self.finding().id == "75c03147932679065ff433ec79661656")
        #expect(Self.finding().sequences == [3, 7])
    }

    @Test("sequence order and repeats do not matter; figures do not enter the identity")
    func sameIdentity() {
        #expect(Self.finding(sequences: [3, 7, 3]).id == Self.finding(sequences: [7, 3]).id)
        #expect(Self.finding(x: 51).id == Self.finding(x: 50).id)
    }

    @Test("rule, sequences and subject each change the id")
    func differentIdentity() {
        let base = Self.finding().id
        #expect(Self.finding(rule: .historyOutlier).id != base)
        #expect(Self.finding(sequences: [3]).id != base)
        #expect(Self.finding(subject: "indicator=waste;unit=u-07;period=2026-Q4").id != base)
    }

    @Test("a subject identity is SHA-256 of rule, * and subject: the records do not enter it")
    func subjectGolden() {
        let subject = "channel=material;code=waste;unit=u-03;subcommand=sc-01;period=2026-10"
        func late(_ sequences: [Int64]) -> Finding {
            Finding(
                rule: .lateness, subject: subject, sequences: sequences, figures: ["lateRecords": Double(sequences.count)], severity: .low,
                unit: "u-03", subcommand: "sc-01", period: "2026-10", message: "m", identity: .subject)
        }
        // printf 'lateness\n*\nchannel=material;code=waste;unit=u-03;subcommand=sc-01;period=2026-10' | sha256sum | cut -c1-32
        #expect(late([42]).id == "4538c1a2581f60c363bb82487a9dbd7b")
        #expect(late([42, 57, 60]).id == late([42]).id && late([42, 57, 60]).sequences == [42, 57, 60])
        // The same rule, records and subject under the default identity is another finding.
        let byRecords = Finding(
            rule: .lateness, subject: subject, sequences: [42], figures: [:], severity: .low, unit: "u-03", subcommand: "sc-01",
            period: "2026-10", message: "m")
        #expect(byRecords.identity == .recordsAndSubject && byRecords.id != late([42]).id)
        #expect(Finding.identity(rule: .lateness, sequences: [42], subject: subject) == byRecords.id)
    }

    @Test("merging a re-run with the previous run creates no duplicates")
    func unique() {
        let run = [Self.finding(), Self.finding(rule: .lateness)]
        #expect(Finding.unique(run + run).map(\.id) == run.map(\.id))
    }

    @Test("subjects are key=value pairs in order")
    func subject() {
        #expect(Finding.subject(["indicator": "waste", "period": "2026-10"]) == "indicator=waste;period=2026-10")
    }
}
