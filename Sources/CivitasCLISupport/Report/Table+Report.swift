extension Table {
    /// The table without the padding a blank last cell leaves at the end of a line
    /// (a status column is often empty), so that lines compare and copy cleanly.
    var reportText: String {
        render().split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }
}
