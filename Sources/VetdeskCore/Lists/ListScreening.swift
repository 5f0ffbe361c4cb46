import Foundation
import GRDB

/// One name of a candidate (own name, profile name, payee or account holder) found on a list.
public struct ListNameHit: Sendable, Equatable {
    public var listName: String
    public var version: String
    public var recordId: String
    /// The listed record's primary name.
    public var listedAs: String
    public var field: String
    public var level: ListIndex.Level
    public var score: Double
    public var explanation: String
}

/// Screens the candidates of a rescore against every loaded list: identifiers exactly (after
/// normalisation) into `watchlistHits`, names fuzzily into `listNameHits`; records each hit with
/// the list version it came from (list_hit).
enum ListScreening {
    /// A list_hit row to record once the rescore writes (screening itself only reads).
    typealias HitRow = [DatabaseValueConvertible?]

    /// Screens and attaches hits to the contexts; returns the list_hit rows for `record`.
    static func attach(_ db: Database, _ contexts: inout [RuleContext], now: Int64) throws -> [HitRow] {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM list_source)") == true, !contexts.isEmpty else { return [] }
        return try attach(db, &contexts, now: now, index: try ListStore.index(db: db))
    }

    /// The same with the lists' index built once by the caller (a chunked rescore screens many chunks).
    static func attach(_ db: Database, _ contexts: inout [RuleContext], now: Int64, index: ListIndex) throws -> [HitRow] {
        var rows: [HitRow] = []
        guard !contexts.isEmpty else { return rows }
        var position: [String: Int] = [:]
        for i in contexts.indices { position[contexts[i].candidate.id] = i }
        var logins: [Int: [String]] = [:]
        let accounts = try Row.fetchCursor(db, sql: "SELECT candidate_id, account FROM candidate_account")
        while let row = try accounts.next() {
            let cid: String = row[0], account: String = row[1]
            if let i = position[cid] { logins[i, default: []].append(account) }
        }
        for i in contexts.indices {
            let found = screen(contexts[i], logins: logins[i] ?? [], index: index)
            guard !found.identifiers.isEmpty || !found.names.isEmpty else { continue }
            for (field, h) in found.identifiers {
                let e = index.entries[h.entry]
                let note = "record \(e.recordId) (\(e.primaryName)), version \(e.version): \(h.explanation)"
                contexts[i].watchlistHits.append(WatchlistHit(
                    entry: WatchlistEntry(listName: e.listName, kind: h.identifier.kind.rawValue, value: h.identifier.value, note: note), field: field))
                rows.append([contexts[i].candidate.id, e.listName, e.version, e.recordId, field, h.identifier.value,
                             "identifier", 1.0, h.explanation, now])
            }
            for (field, h) in found.names {
                let e = index.entries[h.entry]
                let hit = ListNameHit(listName: e.listName, version: e.version, recordId: e.recordId, listedAs: e.primaryName, field: field,
                                      level: h.level, score: h.score, explanation: h.explanation)
                contexts[i].listNameHits.append(hit)
                rows.append([contexts[i].candidate.id, e.listName, e.version, e.recordId, field, h.matchedName,
                             h.level.rawValue, h.score, h.explanation, now])
            }
        }
        return rows
    }

    /// Records hits with the list version they came from (first seen kept on repeats).
    static func record(_ db: Database, _ rows: [HitRow]) throws {
        guard !rows.isEmpty else { return }
        let insert = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO list_hit (candidate_id, list_name, version, record_id, field, matched, level, score, explanation, first_seen_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows { try insert.execute(arguments: StatementArguments(row)) }
    }

    struct Found {
        var identifiers: [(String, ListIndex.IdentifierHit)] = []
        var names: [(String, ListIndex.NameHit)] = []
    }

    /// Everything of one candidate a list can name: contact details, login identities, payment
    /// accounts (wallets, IBANs, platform ids) and the names on them.
    static func screen(_ ctx: RuleContext, logins: [String], index: ListIndex) -> Found {
        var f = Found()
        var seen = Set<String>()
        func ident(_ field: String, _ value: String?, _ kind: ListIdentifier.Kind) {
            guard let v = value, !v.isEmpty else { return }
            for h in index.screen(identifier: v, kind: kind) where seen.insert("\(h.entry)|\(h.identifier.value)").inserted {
                f.identifiers.append((field, h))
            }
        }
        let c = ctx.candidate
        ident("email", c.email, .email)
        ident("phone", c.phone, .phone)
        ident("github_username", c.githubUsername, .handle)
        for l in logins { ident("login_account", l, l.contains("@") ? .email : .handle) }
        var names: [(String, String)] = [("full_name", c.fullName)]
        if let p = c.profileName { names.append(("profile_name", p)) }
        for check in ctx.checks { if let n = check.nameOnDocument, !n.isEmpty { names.append(("name_on_document", n)) } }
        // The candidate's own names are checked with the passport's nationality where the identity
        // checks show one (declared_country is residence, not nationality); candidates carry no
        // date of birth. Payees and account holders may be other people: their names go alone.
        let ownNames = names.count
        let nationality = Self.passportNationality(ctx.checks)
        for a in ctx.accounts {
            let acc = a.account
            switch acc.accountType {
            case "wallet": ident("payment_account", acc.identifier, .wallet)
            case "iban", "bank_account": ident("payment_account", acc.identifier, .iban)
            default: ident("payment_account", acc.identifier, acc.identifier.contains("@") ? .email : .handle)
            }
            if let iban = acc.iban { ident("payment_account", iban, .iban) }
            if let h = acc.holderName { names.append(("account_holder", h)) }
            for p in a.payeeNames { names.append(("payee_name", p)) }
        }
        var nameSeen = Set<Int>()
        var screened = Set<String>()
        for (i, (field, n)) in names.enumerated() where screened.insert(n.lowercased()).inserted {
            for h in index.screen(name: n, nationality: i < ownNames ? nationality : nil) where nameSeen.insert(h.entry).inserted {
                f.names.append((field, h))
            }
        }
        return f
    }

    /// The one country of the candidate's passport checks (ISO alpha-2), nil when none or several.
    static func passportNationality(_ checks: [IdentityCheck]) -> String? {
        let countries = Set(checks.compactMap { c -> String? in
            guard (c.documentType ?? "").lowercased().contains("passport"), let country = c.documentCountry, !country.isEmpty else { return nil }
            return Country.alpha2(country) ?? country.uppercased()
        })
        return countries.count == 1 ? countries.first : nil
    }
}
