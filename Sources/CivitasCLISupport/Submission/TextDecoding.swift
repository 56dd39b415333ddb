import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the text of a spreadsheet export was encoded.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 (BOM)"
    /// What Excel in mainland China writes for "CSV": GB18030 (a superset of GBK and GB2312).
    case gb18030 = "GB18030"
}

/// Decodes the bytes of a CSV or JSON Lines file: UTF-8 with or without a byte-order
/// mark when they are valid UTF-8, else GB18030 (through the C library's iconv).
public enum TextDecoding {
    public static func decode(_ data: Data, source: String) throws(CSVError) -> (text: String, encoding: TextEncoding) {
        var bytes = data[...]
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return (text, bom ? .utf8WithBOM : .utf8)
        }
        if !bom, let text = gb18030(bytes) {
            return (text, .gb18030)
        }
        throw CSVError(source: source, line: 0, message: "is neither UTF-8 nor GB18030 text; save it as \"CSV UTF-8\"")
    }

    /// GB18030 → String, or nil when the bytes are not valid GB18030.
    public static func gb18030(_ bytes: some Collection<UInt8>) -> String? {
        let input = Array(bytes)
        if input.isEmpty { return "" }
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        // Every GB18030 sequence (1, 2 or 4 bytes) becomes at most 4 UTF-8 bytes.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let produced: Int? = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                guard result != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output[..<produced], as: UTF8.self)
    }
}
