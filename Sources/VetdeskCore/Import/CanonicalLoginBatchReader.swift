/// Vetdesk's own sign-in CSV read straight into LoginBatches, on the reading thread: fields are
/// parsed into one byte buffer per record (CSVRawRecord) and packed into the batch as bytes, with no
/// String per field (issue 13, session 6: a String per field, and the LoginEvent holding them, were
/// most of the Swift side of the import).
///
/// Only plain rows take this path: every value the old mapping would use as it is. A row with any
/// value CanonicalLoginMapper would trim, normalise or reject (blanks around a required value, an
/// outcome other than `success`/`failure`, an unknown country, a bad date, IP or boolean...) is
/// mapped by CanonicalLoginMapper from Strings, so it is stored the same and fails with the same
/// error (file, line, field). CSV errors are the reader's, as before. Used without an error budget
/// and outside dry runs (ImportPipeline.canonicalLoginBatches); those keep the record-by-record path.
final class CanonicalLoginBatchReader {
    private let reader: CSVRecordReader
    private let counter: ProgressCounter?
    private let columns: ColumnIndex
    /// Position of each of CanonicalLoginMapper.names in the header.
    private let at: [Int?]
    private let slow = CanonicalLoginMapper()
    private var record = CSVRawRecord()
    private var ipCheck = IPTextCheck()
    private var lastIP: [UInt8] = []
    private var lastCountryRaw: [UInt8] = [], lastCountry = ""
    private var countryMemo: [String: String] = [:]
    /// Rows mapped from Strings (counted for tests and the docs' figures).
    private(set) var slowRows = 0

    init(_ reader: CSVRecordReader, counter: ProgressCounter?) {
        self.reader = reader
        self.counter = counter
        columns = reader.columnIndex
        at = CanonicalLoginMapper.names.map { reader.columnIndex.index[$0] }
    }

    /// The next batch of up to `size` events (and about `maxBytes` of text); nil at the end of the file.
    func next(size: Int, maxBytes: Int = LoginBatch.maxBytes) throws -> LoginBatch? {
        var batch = LoginBatch(capacity: size)
        while !batch.isFull(size, maxBytes: maxBytes), try reader.next(into: &record) {
            counter?.record()
            batch.records += 1
            if !packPlain(into: &batch) {
                slowRows += 1
                let r = FlatRecord(file: reader.displayName, location: "line \(reader.recordLine)", columns: columns,
                                   values: record.strings)
                switch try slow.map(r) {
                case .event(let e): batch.append(e)
                case .skipped(let reason): batch.skipped[reason, default: 0] += 1
                }
            }
        }
        if batch.records == 0 { counter?.publish() }
        return batch.records == 0 ? nil : batch
    }

    private static func blank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    private static let success = Array("success".utf8), failure = Array("failure".utf8), csv = Array("csv".utf8)
    private static let yes = Array("true".utf8), no = Array("false".utf8)

    /// Packs the record when it is plain (see the type's comment); false, with nothing added, otherwise.
    private func packPlain(into batch: inout LoginBatch) -> Bool {
        record.bytes.withUnsafeBufferPointer { buffer -> Bool in
            /// The value of mapper column k; nil when the column is absent or the value empty (`text`).
            func text(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
                guard let i = at[k] else { return nil }
                let (start, count) = record.span(i)
                return count == 0 ? nil : UnsafeBufferPointer(rebasing: buffer[start..<start + count])
            }
            /// A required value with no blanks around it (`required` would trim them).
            func plain(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
                guard let v = text(k), !Self.blank(v.first!), !Self.blank(v.last!) else { return nil }
                return v
            }
            guard let id = plain(0), let when = plain(2), let account = plain(3), let ip = plain(4),
                  let outcome = plain(7), let t = Time.parse(utf8: when),
                  outcome.elementsEqual(Self.success) || outcome.elementsEqual(Self.failure) else { return false }
            if !ip.elementsEqual(lastIP) {
                guard ipCheck.isValid(String(decoding: ip, as: UTF8.self)) else { return false }
                lastIP = Array(ip)
            }
            var country: String? = nil
            if let raw = text(5) {
                if !raw.elementsEqual(lastCountryRaw) {
                    let key = String(decoding: raw, as: UTF8.self)
                    if let hit = countryMemo[key] {
                        lastCountry = hit
                    } else {
                        guard let cc = Country.alpha2(key) else { return false }
                        countryMemo[key] = cc
                        lastCountry = cc
                    }
                    lastCountryRaw = Array(raw)
                }
                country = lastCountry
            }
            var managed: Bool? = nil
            if let m = text(10) {
                if m.elementsEqual(Self.yes) { managed = true } else if m.elementsEqual(Self.no) { managed = false } else {
                    guard let b = FlatRecord.parseBool(String(decoding: m, as: UTF8.self)) else { return false }
                    managed = b
                }
            }
            let source = text(1)
            let key = Self.csv.withUnsafeBufferPointer { csv in
                batch.add(source ?? csv) // Column order: source, sourceId, account, ip, reportedCountry, ...
                return LoginEventKey.of(source: source ?? csv, sourceId: id)
            }
            batch.add(id); batch.add(account); batch.add(ip); batch.add(country); batch.add(text(6)); batch.add(outcome)
            batch.add(text(8)); batch.add(text(9)); batch.add(text(11)); batch.add(text(12))
            batch.add(nil as String?); batch.add(nil as String?) // idp_risk_level, idp_risk: not in this format
            batch.endEvent(occurredAt: t, managed: managed, key: key)
            return true
        }
    }
}
