@testable import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf
import Testing

@Suite("Finding moves: argument checks before any call")
struct FindingTransitionTests {
    let time = FindingFixtures.shanghai
    /// 2026-11-27T04:00:00Z = 12:00 in Shanghai.
    let now = try! Date("2026-11-27T04:00:00Z", strategy: .iso8601)

    func utc(_ iso: String) -> Int64 { Int64(try! Date(iso, strategy: .iso8601).timeIntervalSince1970) }

    func refusal(_ build: () throws(ClientError) -> Civitas_V1_TransitionFindingRequest) -> String? {
        do { _ = try build(); return nil } catch { return error.message }
    }

    @Test("Assign: a bare date is due at the end of that day in the zone; the request carries unit, due and note")
    func assign() throws {
        let request = try FindingTransition.assign(id: " abc ", unit: "u-07", due: "2026-12-15", note: " 请于月中前完成 ", time: time, now: now)
        #expect(request.action == "assign" && request.id == "abc" && request.unit == "u-07" && request.note == "请于月中前完成")
        // 2026-12-15 23:59:59 at UTC+8 is 15:59:59 UTC the same day.
        #expect(request.dueAt.seconds == utc("2026-12-15T15:59:59Z"))
    }

    @Test("Other spellings of --due: local time, an offset, a duration from now")
    func dueSpellings() throws {
        // 18:00 in Shanghai = 10:00 UTC; 18:00 at +09:00 = 09:00 UTC; 14 d after now.
        #expect(try time.due("2026-12-15 18:00", now: now).seconds == utc("2026-12-15T10:00:00Z"))
        #expect(try time.due("2026-12-15T18:00:00+09:00", now: now).seconds == utc("2026-12-15T09:00:00Z"))
        #expect(try time.due("14d", now: now).seconds == utc("2026-11-27T04:00:00Z") + 14 * 86400)
        #expect(try time.due("36h", now: now).seconds == utc("2026-11-28T16:00:00Z"))
    }

    @Test("A bad due date is refused naming --due and what was typed", arguments: ["2026-13-01", "2026-02-30", "tomorrow", "15/12/2026", "0d", ""])
    func badDue(_ text: String) {
        let message = refusal { () throws(ClientError) in try FindingTransition.assign(id: "abc", unit: "u-07", due: text, note: nil, time: time, now: now) }
        #expect(message?.hasPrefix("--due \"\(text)\" is not a date (2026-12-15)") == true, "\(message ?? "accepted")")
    }

    @Test("A due date that is not in the future is refused, saying what it meant in the zone")
    func pastDue() {
        // Today's own date is still in the future until 23:59:59; yesterday is not.
        #expect(refusal { () throws(ClientError) in try FindingTransition.assign(id: "a", unit: "u", due: "2026-11-27", note: nil, time: time, now: now) } == nil)
        let message = refusal { () throws(ClientError) in try FindingTransition.reopen(id: "a", note: "again", due: "2026-11-26", time: time, now: now) }
        #expect(message == "--due 2026-11-26 means 2026-11-26 23:59:59 (Asia/Shanghai), which is not in the future; a due date must come after now, 2026-11-27 12:00:00.")
    }

    @Test("A missing or blank note, reason, unit or id is refused naming the option")
    func missingText() {
        #expect(refusal { () throws(ClientError) in try FindingTransition.rectify(id: "a", note: " \n ", evidence: [Civitas_V1_Evidence()]) }
            == "--note is empty; give what was done to rectify it.")
        #expect(refusal { () throws(ClientError) in try FindingTransition.reopen(id: "a", note: "", due: "14d", time: time, now: now) }
            == "--note is empty; give why the finding is reopened.")
        #expect(refusal { () throws(ClientError) in try FindingTransition.dismiss(id: "a", reason: "  ") }
            == "--reason is empty; give why the finding needs no rectification.")
        #expect(refusal { () throws(ClientError) in try FindingTransition.assign(id: "a", unit: "", due: "14d", note: nil, time: time, now: now) }
            == "--unit is empty; give the unit responsible for rectifying.")
        #expect(refusal { () throws(ClientError) in try FindingTransition.verify(id: " ", note: nil) }?.hasPrefix("ID is empty") == true)
    }

    @Test("Rectify needs at least one evidence document")
    func rectifyNeedsEvidence() {
        #expect(refusal { () throws(ClientError) in try FindingTransition.rectify(id: "abc", note: "已清理", evidence: []) }
            == "Rectifying finding abc needs evidence: name at least one file with --evidence.")
    }

    @Test("Each move names its action; verify's note is optional; dismiss sends its reason as the note")
    func actions() throws {
        #expect(try FindingTransition.verify(id: "a", note: nil).action == "verify")
        #expect(try FindingTransition.dismiss(id: "a", reason: "重复记录").note == "重复记录")
        let reopen = try FindingTransition.reopen(id: "a", note: "复查仍有问题", due: "2026-12-31", time: time, now: now)
        #expect(reopen.action == "reopen" && reopen.note == "复查仍有问题" && reopen.dueAt.seconds == utc("2026-12-31T15:59:59Z"))
    }

    @Test("The outcome states the move and who must act by when")
    func outcome() {
        var finding = FindingFixtures.first()
        finding.history.removeLast()  // the last move is now open → assigned
        let english = FindingTransition.outcome(finding, time: time, language: .en)
        #expect(english == """
            Finding \(finding.id): open → assigned
              Unit u-07 · Sub-command east · Level sub-command · Due 2026-11-10 23:59:59 overdue
              Note 请核实上报数据
            """)
        let chinese = FindingTransition.outcome(finding, time: time, language: .zh)
        #expect(chinese.hasPrefix("问题 \(finding.id)：待交办 → 已交办\n  责任单位 u-07 · 分指挥部 east · 督查层级 分指挥部"))
    }
}
