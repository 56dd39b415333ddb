/// Gathers records into batches as the rows are read: at most `size` records and about
/// `maxBytes` bytes each (a single larger record travels alone). Keys are derived here
/// for records the file gave none. Rows the client cannot read are kept as refusals and
/// notes for stderr, to be taken by the reader with each batch.
public struct BatchBuilder<Record: SubmissionRecord>: Sendable {
    let source: String
    var plan: BatchPlan
    /// The batch being filled.
    var records: [Record] = []
    var origins: [RowOrigin] = []
    /// Full batches not yet taken.
    var sealed: [UploadBatch<Record>] = []
    var refusals: [ClientRefusal] = []
    var notes: [String] = []
    private var nextNumber = 0
    private var nextItem = 0

    init(source: String, size: Int, maxBytes: Int) {
        self.source = source
        plan = BatchPlan(size: size, maxBytes: maxBytes)
    }

    /// Adds a record, deriving its key from its content when the file gave none.
    mutating func add(_ record: Record, origin: RowOrigin) {
        var record = record
        if record.key.isEmpty { record.key = DerivedKey.key(for: record) }
        if plan.startsBatch(size: record.approximateSize) { seal() }
        records.append(record)
        origins.append(origin)
    }

    mutating func refuse(_ problem: CellProblem, lines: [Int], origin: RowOrigin) {
        let problem = SubmissionProblem(source: source, lines: lines, field: problem.field, reason: problem.reason)
        refusals.append(ClientRefusal(problem: problem, origin: origin))
    }

    mutating func note(_ text: String) { notes.append(text) }

    /// Closes the batch being filled (if it holds anything).
    mutating func seal() {
        guard let last = origins.last else { return }
        sealed.append(UploadBatch(number: nextNumber, first: nextItem, records: records, origins: origins, end: last.bytes.upperBound))
        nextNumber += 1
        nextItem += records.count
        records = []
        origins = []
        records.reserveCapacity(min(plan.size, 4096))
        origins.reserveCapacity(min(plan.size, 4096))
    }

    /// Batches sealed so far, and records in them.
    var batchCount: Int { nextNumber }
    var recordCount: Int { nextItem }
}

/// A row the client itself refused: the problem, and where the row is for the
/// refused-rows file.
struct ClientRefusal: Sendable {
    var problem: SubmissionProblem
    var origin: RowOrigin
}

/// Where batches end: a new one starts when the open one has `size` records or the next
/// record would take it past `maxBytes`.
struct BatchPlan {
    let size: Int
    let maxBytes: Int
    private var count = 0
    private var bytes = 0

    init(size: Int, maxBytes: Int) {
        self.size = max(1, size)
        self.maxBytes = maxBytes
    }

    /// Books a record of `size` bytes; true when it starts a new batch after a full one.
    mutating func startsBatch(size recordSize: Int) -> Bool {
        let starts = count > 0 && (count >= size || bytes + recordSize > maxBytes)
        if starts { (count, bytes) = (0, 0) }
        count += 1
        bytes += recordSize
        return starts
    }
}
