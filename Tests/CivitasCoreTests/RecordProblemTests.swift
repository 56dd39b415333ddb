import CivitasCore
import Testing

@Suite("RecordProblem")
struct RecordProblemTests {
    @Test("description names index, record and field")
    func description() {
        let problem = RecordProblem(index: 3, record: "u1", field: "name", reason: "is empty")
        #expect(problem.description == "record 3 (u1), field name: is empty")
    }

    @Test("description leaves out an empty record id")
    func descriptionWithoutRecord() {
        let problem = RecordProblem(index: 0, record: "", field: "id", reason: "is empty")
        #expect(problem.description == "record 0, field id: is empty")
    }

    @Test("problems compare by every property")
    func equality() {
        let a = RecordProblem(index: 1, record: "x", field: "id", reason: "r")
        #expect(a == RecordProblem(index: 1, record: "x", field: "id", reason: "r"))
        #expect(a != RecordProblem(index: 2, record: "x", field: "id", reason: "r"))
        #expect(a != RecordProblem(index: 1, record: "x", field: "name", reason: "r"))
    }
}
