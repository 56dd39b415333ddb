/// One batch of a file's records on its way to the server, with what is needed to book
/// the server's answer and to find the rows again.
public struct UploadBatch<Record: Sendable>: Sendable {
    /// Position among the file's batches, from 0.
    public var number: Int
    /// Index of the first record among all the file's records.
    public var first: Int
    public var records: [Record]
    /// Where each record came from (empty where nobody asks, as in tests).
    public var origins: [RowOrigin]
    /// Bytes of the file read through this batch's last row (progress).
    public var end: Int

    public init(number: Int, first: Int, records: [Record], origins: [RowOrigin] = [], end: Int = 0) {
        self.number = number
        self.first = first
        self.records = records
        self.origins = origins
        self.end = end
    }

    /// The batch's records among all the file's records.
    public var items: Range<Int> { first..<first + records.count }
}
