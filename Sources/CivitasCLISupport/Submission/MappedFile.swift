import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory. Pages the reader is done with are given
/// back (``release(_:)``), so resident memory stays small whatever the file's size: touched
/// again (a refused row read back), a page is read again from the file.
///
/// `@unchecked Sendable`: immutable after `init`; the mapping is read-only and unmapped in
/// `deinit`, and giving pages back never changes what a read of them returns.
final class MappedFile: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    let count: Int

    /// Maps the file at `path`; nil when it is not a regular file or cannot be mapped.
    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // The size of the open file (it may have changed since the attributes were read).
        let size = lseek(descriptor, 0, SEEK_END)
        guard size >= 0 else { return nil }
        count = Int(size)
        guard count > 0 else {
            base = nil
            return
        }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else { return nil }
        base = mapped
    }

    deinit {
        if let base { munmap(base, count) }
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Gives back the whole pages within `range` (they stay readable).
    func release(_ range: Range<Int>) {
        guard let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound >= count ? count : range.upperBound / page * page
        guard start < end else { return }
        _ = madvise(base + start, end - start, Int32(MADV_DONTNEED))
    }
}
