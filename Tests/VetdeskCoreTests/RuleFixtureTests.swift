import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// A temp store with helpers that insert rows directly (summary tables and ip_info included),
/// independent of the importer.
struct RuleFixture {
    static let t0: Int64 = 1_772_409_600 // 2026-03-02T00:00:00Z, a Monday
    static let day0: Int64 = t0 / 86400
    let store: Store
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "vetdesk-rules-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = try Store(path: dir + "/t.sqlite")
    }

    func sql(_ text: String, _ args: StatementArguments = []) throws {
        try store.pool.write { try $0.execute(sql: text, arguments: args) }
    }

    /// Inserts a candidate; `fields` are column name → value overrides.
    func candidate(_ id: String, _ name: String, _ fields: [String: (any DatabaseValueConvertible)?] = [:]) throws {
        var columns = ["id", "full_name", "updated_at"]
        var values: [(any DatabaseValueConvertible)?] = [id, name, Self.t0]
        for (k, v) in fields.sorted(by: { $0.key < $1.key }) { columns.append(k); values.append(v) }
        try sql("INSERT INTO candidate (\(columns.joined(separator: ","))) VALUES (\(columns.map { _ in "?" }.joined(separator: ",")))",
                StatementArguments(values))
    }

    func update(_ id: String, _ column: String, _ value: (any DatabaseValueConvertible)?) throws {
        try sql("UPDATE candidate SET \(column) = ? WHERE id = ?", [value, id])
    }

    func insert(_ record: some PersistableRecord) throws {
        try store.pool.write { try record.insert($0) }
    }

    func ip(_ ip: String, country: String?, asn: Int? = nil, asName: String? = nil, anonymous: Bool = false,
            provider: String? = nil, kind: String? = nil, dprkNamed: Bool = false) throws {
        try insert(IPInfo(ip: ip, country: country, asn: asn, asName: asName, anonymousProxy: anonymous, provider: provider,
                          providerKind: kind, providerDprkNamed: dprkNamed, lookedUpAt: Self.t0))
    }

    func ipUse(_ cid: String, _ ip: String, events: Int = 5, first: Int64 = t0, last: Int64 = t0 + 86400) throws {
        try sql("INSERT INTO login_ip_use (candidate_id, ip, first_at, last_at, events) VALUES (?,?,?,?,?)", [cid, ip, first, last, events])
    }

    func loginDay(_ cid: String, day: Int64, _ country: String, events: Int = 3) throws {
        try sql("INSERT INTO login_day (candidate_id, day, country, events) VALUES (?,?,?,?)", [cid, Self.day0 + day, country, events])
    }

    func loginHour(_ cid: String, hour: Int, events: Int, weekday: Int = 0) throws {
        try sql("INSERT INTO login_hour (candidate_id, weekday, hour, events) VALUES (?,?,?,?)", [cid, weekday, hour, events])
    }

    func session(_ cid: String, _ sid: String, start: Int64, hours: Double, events: Int = 40) throws {
        try sql("INSERT INTO login_session (candidate_id, session_id, started_at, ended_at, events) VALUES (?,?,?,?,?)",
                [cid, sid, start, start + Int64(hours * 3600), events])
    }

    func device(_ cid: String, _ deviceId: String, managed: Bool?, first: Int64, events: Int = 10) throws {
        try sql("INSERT INTO login_device (candidate_id, device_id, managed, first_at, last_at, events) VALUES (?,?,?,?,?,?)",
                [cid, deviceId, managed, first, first + 86400 * 5, events])
    }

    func login(_ cid: String, _ sourceId: String, at: Int64, ip: String, country: String) throws {
        try insert(LoginEvent(source: "csv", sourceId: sourceId, candidateId: cid, account: cid + "@example.com",
                              occurredAt: at, ip: ip, reportedCountry: country, outcome: "success"))
    }

    /// Inserts (or reuses) a payment account and one payment into it; returns the account id.
    @discardableResult
    func payment(_ cid: String, _ pid: String, type: String = "iban", identifier: String, holder: String?,
                 bankCountry: String? = nil, method: String = "bank", payee: String? = nil, at: Int64 = t0) throws -> Int64 {
        try store.pool.write { db in
            let existing = try Int64.fetchOne(db, sql: "SELECT id FROM payment_account WHERE account_type = ? AND identifier = ?",
                                              arguments: [type, identifier])
            let accountId: Int64
            if let existing { accountId = existing } else {
                try PaymentAccount(accountType: type, identifier: identifier, holderName: holder,
                                   iban: type == "iban" ? identifier : nil, bankCountry: bankCountry).insert(db)
                accountId = db.lastInsertedRowID
            }
            try Payment(id: pid, source: "test", paidAt: at, candidateId: cid, payeeName: payee, accountId: accountId,
                        amount: "1000.00", currency: "EUR", method: method).insert(db)
            return accountId
        }
    }

    func rescoreAll(_ config: RuleConfig = .defaults) throws -> RescoreReport {
        var r = Rescorer(store: store, config: config)
        r.clock = { RuleFixture.t0 + 86400 * 60 }
        return try r.rescoreAll()
    }

    func rescorer(_ config: RuleConfig = .defaults) -> Rescorer {
        var r = Rescorer(store: store, config: config)
        r.clock = { RuleFixture.t0 + 86400 * 60 }
        return r
    }

    func flags(_ cid: String) throws -> [Flag] {
        try store.pool.read { try Flag.filter(Column("candidate_id") == cid).fetchAll($0) }
    }

    func flag(_ cid: String, _ rule: String) throws -> Flag? {
        try flags(cid).first { $0.ruleId == rule }
    }

    func caseFile(_ cid: String) throws -> CaseFile? {
        try store.pool.read { try CaseFile.fetchOne($0, key: cid) }
    }
}

@Suite struct RuleFixtureTests {
    @Test func cleanCandidateGetsNoFlagsAndAnEmptyCase() throws {
        let fx = try RuleFixture()
        try fx.candidate("C1", "Anna Schmidt", ["declared_country": "DE", "email": "anna@example.de"])
        let report = try fx.rescoreAll()
        #expect(report.candidates == 1)
        #expect(try fx.flags("C1").isEmpty)
        let cf = try #require(try fx.caseFile("C1"))
        #expect(cf.riskScore == 0 && cf.riskBand == .none && cf.status == .new)
        #expect(cf.scoredAt == RuleFixture.t0 + 86400 * 60)
    }

    @Test func evidenceJSONRoundTripsThroughFlagDecoding() throws {
        let items = [Evidence(kind: .ip, ref: "1.2.3.4", detail: "quote \" backslash \\ newline \n tab \t ctrl \u{1} é 漢")]
        let json = EvidenceJSON.encode(items)
        let decoded = try JSONDecoder().decode([Evidence].self, from: Data(json.utf8))
        #expect(decoded == items)
    }
}
