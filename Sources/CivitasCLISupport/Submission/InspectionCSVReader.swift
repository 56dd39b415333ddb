import CivitasProtos

/// Inspection rows, one per check; consecutive rows with the same key (or, without a key,
/// the same point, inspector and time) form one record. Later rows of a record may leave
/// key, point, inspector and time empty. Only the rows of the record being gathered are
/// held (as the few cells it needs).
struct InspectionCSVReader: CSVRecordReader {
    typealias Record = Civitas_V1_InspectionRecord

    /// The cells of one row a record is made of.
    struct Row {
        var line: Int
        var bytes: Range<Int>
        var key, point, inspector, observedAt, check, passed, note, photos, latitude, longitude: String
    }

    let columns: [Int?]
    let context: SubmissionReadContext
    var group: [Row] = []
    var groupIdentity = ""

    init(columns: ColumnMap, context: SubmissionReadContext) {
        self.columns = ["key", "point", "inspector", "observed_at", "check", "passed", "note", "photo_sha256", "latitude", "longitude"]
            .map { columns.position($0) }
        self.context = context
    }

    mutating func read(_ cells: CSVCells, into batches: inout BatchBuilder<Record>) {
        let c = columns.map { cells.string($0) }
        let row = Row(
            line: cells.line, bytes: cells.bytes, key: c[0], point: c[1], inspector: c[2], observedAt: c[3], check: c[4],
            passed: c[5], note: c[6], photos: c[7], latitude: c[8], longitude: c[9]
        )
        let next = row.key.isEmpty ? ["r", row.point, row.inspector, row.observedAt].joined(separator: "\u{0}") : "k\u{0}" + row.key
        let continues = !group.isEmpty && (next == groupIdentity || next == "r\u{0}\u{0}\u{0}")
        if !continues {
            finish(into: &batches)
            groupIdentity = next
        }
        group.append(row)
    }

    mutating func finish(into batches: inout BatchBuilder<Record>) {
        guard let first = group.first, let last = group.last else { return }
        let origin = RowOrigin(line: first.line, bytes: first.bytes.lowerBound..<last.bytes.upperBound)
        do throws(CellProblem) {
            batches.add(try record(of: group), origin: origin)
        } catch {
            batches.refuse(error, lines: group.map(\.line), origin: origin)
        }
        group = []
    }

    private func record(of rows: [Row]) throws(CellProblem) -> Record {
        let first = rows[0]
        var inspection = Record()
        inspection.key = first.key
        inspection.point = try required(first.point, "point")
        inspection.inspector = try required(first.inspector, "inspector")
        inspection.observedAt = try context.timestamp(first.observedAt, field: "observed_at")
        var photos: [String] = []
        for row in rows {
            for (column, value, expected) in [
                ("point", row.point, inspection.point), ("inspector", row.inspector, inspection.inspector),
                ("observed_at", row.observedAt, first.observedAt),
            ] where !value.isEmpty && value != expected {
                throw CellProblem(column, "\"\(value)\" differs from \"\(expected)\" on line \(first.line), the first row of this record")
            }
            var check = Civitas_V1_CheckResult()
            check.check = try required(row.check, "check")
            check.passed = try Cells.boolean(try required(row.passed, "passed"), field: "passed")
            check.note = row.note
            inspection.checks.append(check)
            for photo in Cells.list(row.photos) where !photos.contains(photo) {
                photos.append(photo)
            }
            let (latitude, longitude) = (row.latitude, row.longitude)
            if !latitude.isEmpty || !longitude.isEmpty, !inspection.hasLocation_p {
                guard !latitude.isEmpty, !longitude.isEmpty else {
                    throw CellProblem(latitude.isEmpty ? "latitude" : "longitude", "is empty; give both latitude and longitude")
                }
                inspection.latitude = try Cells.number(latitude, field: "latitude")
                inspection.longitude = try Cells.number(longitude, field: "longitude")
                inspection.hasLocation_p = true
            }
        }
        inspection.photoSha256 = photos
        return inspection
    }

    private func required(_ value: String, _ column: String) throws(CellProblem) -> String {
        guard !value.isEmpty else { throw CellProblem(column, "is empty") }
        return value
    }
}
