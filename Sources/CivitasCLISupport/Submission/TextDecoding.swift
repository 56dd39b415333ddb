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
        let (bytes, start, encoding) = try utf8(data, source: source)
        let text = bytes.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[start...]), as: UTF8.self) }
        return (text, encoding)
    }

    /// The file's text as UTF-8 bytes, for readers that work on bytes: `data` itself when it
    /// is UTF-8 (never copied; `start` skips a BOM), else its conversion from GB18030.
    public static func utf8(_ data: Data, source: String) throws(CSVError) -> (bytes: Data, start: Int, encoding: TextEncoding) {
        let result = data.withUnsafeBytes { bytes in Result { () throws(CSVError) in try utf8(bytes, source: source) } }
        let (start, encoding, converted) = try result.get()
        return (converted.map { Data($0) } ?? data, start, encoding)
    }

    /// The same decision over bytes in place (a memory-mapped file): where the text starts,
    /// its encoding, and for GB18030 the converted bytes.
    /// `checked` hears each stretch of bytes once it has been checked (a mapped file gives its
    /// pages back).
    static func utf8(
        _ bytes: UnsafeRawBufferPointer, source: String, checked: (Range<Int>) -> Void = { _ in }
    ) throws(CSVError) -> (start: Int, encoding: TextEncoding, converted: [UInt8]?) {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if isValidUTF8(bytes, from: bom ? 3 : 0, checked: checked) {
            return (bom ? 3 : 0, bom ? .utf8WithBOM : .utf8, nil)
        }
        if !bom, let converted = gb18030Bytes(bytes) {
            return (0, .gb18030, converted)
        }
        throw CSVError(source: source, line: 0, message: "is neither UTF-8 nor GB18030 text; save it as \"CSV UTF-8\"")
    }

    /// GB18030 → String, or nil when the bytes are not valid GB18030.
    public static func gb18030(_ bytes: some Collection<UInt8>) -> String? {
        gb18030Bytes(bytes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// GB18030 → UTF-8 bytes, or nil when the bytes are not valid GB18030.
    static func gb18030Bytes(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(bytes)
        if input.isEmpty { return [] }
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
        // iconv's output is UTF-8; checked anyway, so that the readers may rely on it.
        let converted = Array(output[..<produced])
        return converted.withUnsafeBytes { isValidUTF8($0) } ? converted : nil
    }
}
