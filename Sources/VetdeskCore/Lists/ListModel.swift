import Foundation

/// One sanctions list or intel feed as its authority published it: enough to trace every hit
/// back to the official entry (list, version, record id).
public struct ListDocument: Sendable, Equatable {
    /// Stable name of the list ("OFAC SDN", "UN SC Consolidated"): a newer version replaces the older.
    public var name: String
    public var authority: String
    /// Publication date as the list states it (ISO 8601 date when it could be read).
    public var publishedAt: String?
    /// The list's own version mark; the publication date when it has none.
    public var version: String
    /// Detected format ("ofac-sdn-csv", "un-xml", ...).
    public var format: String
    public var records: [ListRecord] = []
    /// Records or fields the parser could not use, counted by reason (never skipped silently).
    public var skipped: [String: Int] = [:]

    public init(name: String, authority: String, publishedAt: String?, version: String, format: String, records: [ListRecord] = []) {
        self.name = name; self.authority = authority; self.publishedAt = publishedAt; self.version = version
        self.format = format; self.records = records
    }

    mutating func skip(_ reason: String) { skipped[reason, default: 0] += 1 }
}

/// One entry of a list (a person, an organisation, a vessel, or one intel indicator).
public struct ListRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case person, entity, vessel, indicator }
    /// The record's own id on its list (OFAC ent_num / uid, UN REFERENCE_NUMBER, EU logicalId...).
    public var recordId: String
    public var kind: Kind
    public var names: [ListName] = []
    /// Dates of birth as written, normalised to YYYY, YYYY-MM or YYYY-MM-DD where readable.
    public var birthDates: [String] = []
    /// ISO 3166-1 alpha-2 where the country could be read, else the text.
    public var nationalities: [String] = []
    public var identifiers: [ListIdentifier] = []
    public var programs: [String] = []
    public var remarks: String?

    public init(recordId: String, kind: Kind, names: [ListName] = []) {
        self.recordId = recordId; self.kind = kind; self.names = names
    }

    mutating func addName(_ n: String, strength: ListName.Strength) {
        let t = n.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, !names.contains(where: { $0.name == t }) else { return }
        names.append(ListName(name: t, strength: strength))
    }

    /// Remarks punctuation around an identifier ("…0xabc." / "…@x.com;").
    static let identifierTrim = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ";,."))

    mutating func addIdentifier(_ kind: ListIdentifier.Kind, _ value: String, currency: String? = nil) {
        let t = value.trimmingCharacters(in: Self.identifierTrim)
        guard !t.isEmpty else { return }
        let id = ListIdentifier(kind: kind, value: t, currency: currency)
        if !identifiers.contains(id) { identifiers.append(id) }
    }
}

/// A name or alias; "weak" as the list marks low-quality aliases (OFAC weak a.k.a., UN/OFSI "Low").
public struct ListName: Sendable, Equatable, Codable {
    public enum Strength: String, Sendable, Codable { case primary, strong, weak }
    public var name: String
    public var strength: Strength
    public init(name: String, strength: Strength) { self.name = name; self.strength = strength }
}

/// An identifier a list publishes for a record, as written (normalised when screened).
public struct ListIdentifier: Sendable, Equatable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case email, phone, wallet, iban, handle, ip, website }
    public var kind: Kind
    public var value: String
    /// For wallets: the currency the list names (ETH, XBT, USDT...).
    public var currency: String?
    public init(kind: Kind, value: String, currency: String? = nil) { self.kind = kind; self.value = value; self.currency = currency }
}

/// A parse failure naming the file, the record and the field.
public struct ListFormatError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var record: String
    public var field: String
    public var reason: String
    public init(_ file: String, record: String, field: String, _ reason: String) {
        self.file = file; self.record = record; self.field = field; self.reason = reason
    }
    public var description: String {
        Sanitize.forDisplay("\((file as NSString).lastPathComponent): record \(record), field \(field): \(reason)")
    }
}
