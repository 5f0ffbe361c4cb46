import Foundation

/// Login events packed into one byte buffer per batch, on the reading thread (issue 13, session 6).
///
/// Why: a LoginEvent holds ~6 heap strings (event id, account, user agent, device, session...). Made on
/// the reading thread and released on the writer, each cost a malloc there, retains and releases on both
/// threads and a cross-thread free: retain/release/malloc/free were ~25 % of a sign-in import's samples
/// (docs/performance.md, "Import throughput (session 5)"). Here every text value of a batch sits end to
/// end in `bytes`; the writer compares accounts and IPs by their bytes, binds values straight from the
/// buffer (SQLITE_STATIC) and makes a String only where a dictionary needs one.
struct LoginBatch: Sendable {
    /// Text columns of an event, in this order (candidate_id is the writer's: it maps the account).
    enum Column: Int, CaseIterable {
        case source, sourceId, account, ip, reportedCountry, city, outcome, userAgent, deviceId, locale, sessionId,
             idpRiskLevel, idpRisk
    }
    static let columns = Column.allCases.count

    private(set) var bytes: [UInt8] = []
    /// Per event and column: start in `bytes` and length; length -1 is NULL.
    private(set) var spans: [Int32] = []
    private(set) var occurredAt: [Int64] = []
    /// -1 unknown, 0 unmanaged, 1 managed.
    private(set) var managed: [Int8] = []
    /// LoginEventKey.of(source, sourceId), hashed here so the writer does not.
    private(set) var keys: [Int64] = []
    /// Records read into this batch (events and skipped ones).
    var records = 0
    var skipped: [SkipReason: Int] = [:]

    var count: Int { occurredAt.count }

    /// A batch also ends once its text holds this many bytes, whatever its event count: memory stays
    /// bounded however long the fields are (each up to CSVFileReader.maxFieldBytes, 64 KiB: a batch of
    /// 32k events of 13 such fields would be 27 GB), and every span fits its Int32 (`Int32(_:)` traps
    /// past 2 GiB). Usual rows are ~300 bytes: a full batch is ~10 MB, far below it.
    static let maxBytes = 64 << 20

    /// Whether no further event goes in: `size` events, or `maxBytes` of text.
    func isFull(_ size: Int, maxBytes: Int = LoginBatch.maxBytes) -> Bool { count >= size || bytes.count >= maxBytes }

    init(capacity: Int = 0) {
        guard capacity > 0 else { return }
        bytes.reserveCapacity(capacity * 320)
        spans.reserveCapacity(capacity * Self.columns * 2)
        occurredAt.reserveCapacity(capacity)
        managed.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
    }

    /// Packs one mapped event (its candidate and id are ignored: the writer maps the account).
    mutating func append(_ e: borrowing LoginEvent) {
        add(e.source); add(e.sourceId); add(e.account); add(e.ip); add(e.reportedCountry); add(e.city); add(e.outcome)
        add(e.userAgent); add(e.deviceId); add(e.locale); add(e.sessionId); add(e.idpRiskLevel); add(e.idpRisk)
        occurredAt.append(e.occurredAt)
        managed.append(e.deviceManaged.map { $0 ? 1 : 0 } ?? -1)
        keys.append(LoginEventKey.of(source: e.source, sourceId: e.sourceId))
    }

    /// Adds the next column's value of the event being packed, from bytes (nil: NULL); the event
    /// ends with `endEvent` once every column was added in `Column` order (CanonicalLoginBatchReader).
    mutating func add(_ value: UnsafeBufferPointer<UInt8>?) {
        guard let value else { spans.append(0); spans.append(-1); return }
        spans.append(Int32(bytes.count))
        bytes.append(contentsOf: value)
        spans.append(Int32(value.count))
    }

    mutating func endEvent(occurredAt t: Int64, managed m: Bool?, key: Int64) {
        occurredAt.append(t)
        managed.append(m.map { $0 ? 1 : 0 } ?? -1)
        keys.append(key)
        assert(spans.count == occurredAt.count * Self.columns * 2)
    }

    mutating func add(_ text: String?) {
        guard let text else { spans.append(0); spans.append(-1); return }
        spans.append(Int32(bytes.count))
        let before = bytes.count
        bytes.append(contentsOf: text.utf8)
        spans.append(Int32(bytes.count - before))
    }

    func span(_ event: Int, _ column: Column) -> (start: Int, count: Int) {
        let i = (event * Self.columns + column.rawValue) * 2
        return (Int(spans[i]), Int(spans[i + 1]))
    }

    func isNull(_ event: Int, _ column: Column) -> Bool { spans[(event * Self.columns + column.rawValue) * 2 + 1] < 0 }

    /// The value as a String (nil for NULL): only where a dictionary key or a rare path needs one.
    func text(_ event: Int, _ column: Column) -> String? {
        let (start, count) = span(event, column)
        guard count >= 0 else { return nil }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<start + count]), as: UTF8.self) }
    }

    func deviceManaged(_ event: Int) -> Bool? { managed[event] < 0 ? nil : managed[event] == 1 }

    /// Whether two events' values in `column` are the same bytes (both NULL counts as the same).
    func same(_ a: Int, _ b: Int, _ column: Column) -> Bool {
        let x = span(a, column), y = span(b, column)
        guard x.count == y.count else { return false }
        guard x.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { p in memcmp(p.baseAddress! + x.start, p.baseAddress! + y.start, x.count) == 0 }
    }

    /// Whether the event's value in `column` equals `text` byte for byte.
    func equals(_ event: Int, _ column: Column, _ text: [UInt8]) -> Bool {
        let x = span(event, column)
        guard x.count == text.count else { return false }
        guard x.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { p in
            text.withUnsafeBufferPointer { t in memcmp(p.baseAddress! + x.start, t.baseAddress!, x.count) == 0 }
        }
    }

    func copy(_ event: Int, _ column: Column) -> [UInt8] {
        let (start, count) = span(event, column)
        return count > 0 ? Array(bytes[start..<start + count]) : []
    }

    /// The pointer to bind for a column (valid while `base` is): empty values point at the buffer too.
    static func pointer(_ base: UnsafePointer<UInt8>, _ span: (start: Int, count: Int)) -> UnsafePointer<CChar> {
        UnsafeRawPointer(base + span.start).assumingMemoryBound(to: CChar.self)
    }
}

extension LoginBatch {
    /// Fills batches of up to `size` events (and about `maxBytes` of text) from `next` (the mapped
    /// records, on the reading thread); nil once `next` is exhausted and nothing was read.
    static func read(size: Int, maxBytes: Int = LoginBatch.maxBytes, from next: () throws -> LoginRecord?) throws -> LoginBatch? {
        var batch = LoginBatch(capacity: size)
        while !batch.isFull(size, maxBytes: maxBytes), let record = try next() {
            batch.records += 1
            switch record {
            case .event(let e): batch.append(e)
            case .skipped(let reason): batch.skipped[reason, default: 0] += 1
            }
        }
        return batch.records == 0 ? nil : batch
    }
}
