/// A plain text table for terminals: columns padded to the widest cell, counting CJK
/// characters as two columns wide so that Chinese names line up.
public struct Table {
    public var headers: [String]
    public var rows: [[String]] = []

    public init(_ headers: String...) {
        self.headers = headers
    }

    public mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    public func render() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { Self.width(of: $0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - Self.width(of: cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func width(of text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            total + (isWide(scalar) ? 2 : 1)
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            true
        default:
            false
        }
    }
}
