import Foundation

/// The records of an identity-provider file, whatever its container: JSON (array, page, lines;
/// read by JSONRecordReader) or CSV (header row). Containers that wrap several sign-ins in one
/// object are opened here, so mappers see one vendor event at a time:
/// - Okta Event Hook deliveries: `{"eventType":"com.okta.event_hook", "data":{"events":[...]}}`;
/// - Azure diagnostic settings blobs and Event Hub messages: `{"records":[...]}`, also one per line;
/// - AWS EventBridge events of Okta Log Streaming: `{"detail-type":"SystemLog", "detail":{...}}`.
final class SignInSource {
    let kind: ImportKind
    private let file: String
    private let read: () throws -> (object: [String: Any], location: String)?
    private var queue: [(object: [String: Any], location: String)] = []
    private var queueIndex = 0
    private let folds = KeyFolds()
    /// The JSON reader behind a JSON source (the import pipeline keeps record texts for rejects through it).
    let json: JSONRecordReader?
    private let bytes: () -> Int
    /// A CSV read error (bad quoting, wrong field count) ends the file; a JSON reader says for itself.
    private var readFailed = false

    private init(kind: ImportKind, file: String, json: JSONRecordReader?, bytes: @escaping () -> Int,
                 read: @escaping () throws -> (object: [String: Any], location: String)?) {
        self.kind = kind
        self.file = file
        self.json = json
        self.bytes = bytes
        self.read = read
    }

    convenience init(kind: ImportKind, json: JSONRecordReader, file: String) {
        self.init(kind: kind, file: file, json: json, bytes: { json.bytesRead }, read: { try json.next() })
    }

    var bytesRead: Int { bytes() }
    /// Whether reading may go on after a record was rejected (`--max-errors`).
    var canContinue: Bool { json?.canContinue ?? !readFailed }
    var lastRecordText: String? { json?.lastRecordText }

    /// A sign-in CSV (by its header, or because `requested` is an identity provider); nil when the
    /// file is some other CSV, which the flat readers take.
    static func csv(path: String, displayName: String, requested: ImportKind?) throws -> SignInSource? {
        if let requested, !SignInShape.identityKinds.contains(requested) { return nil }
        guard let rows = try CSVObjects(path: path, displayName: displayName) else { return nil }
        let header = rows.header
        if requested == nil, ImportKind.detect(columns: Set(header.map { $0.lowercased() })) != nil { return nil }
        let detected = SignInShape.detect(csvHeader: header)
        if let requested, detected != requested {
            throw VetdeskError.malformed(file: displayName, location: "line 1", field: nil,
                                         message: "the header is not that of a \(requested.rawValue) sign-in export (docs/import-formats.md)")
        }
        guard let kind = detected else { return nil }
        return SignInSource(kind: kind, file: displayName, json: nil, bytes: { rows.bytesRead }) { try rows.next() }
    }

    func next() throws -> SignInRecord? {
        while true {
            if queueIndex < queue.count {
                queueIndex += 1
                let (object, location) = queue[queueIndex - 1]
                return SignInRecord(object: object, file: file, location: location, folds: folds)
            }
            queue.removeAll(keepingCapacity: true)
            queueIndex = 0
            let next: (object: [String: Any], location: String)?
            do { next = try read() } catch { readFailed = true; throw error }
            guard let (object, location) = next else { return nil }
            guard let inner = try Self.unwrap(object, location: location, file: file) else {
                return SignInRecord(object: object, file: file, location: location, folds: folds)
            }
            queue = inner
        }
    }

    /// The events inside a delivery or records blob; nil for a plain record.
    static func unwrap(_ object: [String: Any], location: String, file: String) throws
        -> [(object: [String: Any], location: String)]? {
        let list: [Any]
        let label: String
        if let data = object["data"] as? [String: Any], let events = data["events"] as? [Any],
           object["eventType"] as? String == "com.okta.event_hook" || object["published"] == nil {
            (list, label) = (events, "event")
        } else if let records = object["records"] as? [Any], object["category"] == nil {
            (list, label) = (records, "record")
        } else if let detail = object["detail"] as? [String: Any], object["detail-type"] != nil {
            return [(detail, location)] // AWS EventBridge (Okta Log Streaming): the event is `detail`
        } else {
            return nil
        }
        return try list.enumerated().map { i, item in
            let where_ = "\(location), \(label) \(i + 1)"
            guard let o = item as? [String: Any] else {
                throw VetdeskError.malformed(file: file, location: where_, field: nil, message: "is not a JSON object")
            }
            return (o, where_)
        }
    }
}
