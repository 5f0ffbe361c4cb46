import Foundation

/// A file read in growing chunks through read(2), for the CSV and NDJSON readers: they parse
/// straight from `bytes` and ask for more with `refill(keepingFrom:)` when a record crosses the
/// end of what is buffered. Works on pipes too (no mmap).
final class ChunkedFile {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Valid bytes in `bytes`.
    private(set) var count = 0
    private(set) var atEOF = false
    /// Bytes read from the file so far (progress).
    private(set) var totalRead = 0
    private let fd: Int32
    private let maxCapacity: Int

    init(path: String, maxRecordBytes: Int) throws {
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw VetdeskError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        capacity = 1 << 20
        maxCapacity = max(capacity, maxRecordBytes * 2)
        bytes = .allocate(capacity: capacity)
    }

    deinit {
        bytes.deallocate()
        close(fd)
    }

    /// Drops the bytes before `start`, then reads more. Returns the new index of `start` (0)
    /// and false when the record that begins at `start` can no longer fit.
    func refill(keepingFrom start: Int) throws -> Bool {
        let kept = count - start
        if start > 0 && kept > 0 { bytes.update(from: bytes + start, count: kept) }
        count = kept
        if count == capacity {
            guard capacity < maxCapacity else { return false }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: bytes, count: count)
            bytes.deallocate()
            bytes = bigger
            capacity *= 2
        }
        while count < capacity {
            let n = read(fd, bytes + count, capacity - count)
            if n < 0 {
                if errno == EINTR { continue }
                throw VetdeskError.io("read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEOF = true; break }
            count += n
            totalRead += n
            if count >= capacity / 2 { break } // enough to make progress
        }
        return true
    }
}
