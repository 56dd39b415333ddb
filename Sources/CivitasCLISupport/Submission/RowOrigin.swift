/// Where a record came from in the file's text: the line its first row starts on and the
/// bytes of all its rows. Kept instead of the rows themselves (two numbers per record);
/// the rows are read again from the text for the few records that are refused.
public struct RowOrigin: Sendable, Hashable {
    public var line: Int
    public var bytes: Range<Int>

    public init(line: Int, bytes: Range<Int>) {
        self.line = line
        self.bytes = bytes
    }
}
