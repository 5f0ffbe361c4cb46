import Foundation
import Testing
@testable import VetdeskCore

/// Mapping files (errors named by file, line and key), date formats, transforms and `map init` guesses.
@Suite("Mappings: file checks, date formats, transforms, map init")
struct MappingRulesTests {
    static func zone(_ id: String) -> TimeZone { TimeZone(identifier: id)! }

    // MARK: date formats

    @Test func dateFormats() throws {
        let utc = Self.zone("UTC")
        #expect(try DatePattern("MM/dd/yyyy", timeZone: utc).parse("03/02/2026") == Time.parse("2026-03-02"))
        #expect(try DatePattern("M/d/yyyy", timeZone: utc).parse("3/2/2026") == Time.parse("2026-03-02"))
        // Log Analytics' "Export to CSV" form.
        #expect(try DatePattern("M/d/yyyy, h:mm:ss.SSS a", timeZone: utc).parse("9/19/2023, 1:45:17.287 PM")
                == Time.parse("2023-09-19T13:45:17Z"))
        #expect(try DatePattern("M/d/yyyy h:mm a", timeZone: utc).parse("9/19/2023 12:05 AM") == Time.parse("2023-09-19T00:05:00Z"))
        #expect(try DatePattern("dd MMM yyyy", timeZone: utc).parse("02 Mar 2026") == Time.parse("2026-03-02"))
        #expect(try DatePattern("yyyy-MM-dd'T'HH:mm:ssXXX", timeZone: utc).parse("2026-03-02T09:00:00+02:00")
                == Time.parse("2026-03-02T07:00:00Z"))
        #expect(try DatePattern("unix", timeZone: utc).parse("1772437440") == 1_772_437_440)
        #expect(try DatePattern("unix_ms", timeZone: utc).parse("1772437440999") == 1_772_437_440)
    }

    @Test func dateFormatsInAZone() throws {
        // Berlin is UTC+1 in winter and UTC+2 in summer.
        let berlin = try DatePattern("dd.MM.yyyy HH:mm", timeZone: Self.zone("Europe/Berlin"))
        #expect(berlin.parse("02.03.2026 09:30") == Time.parse("2026-03-02T08:30:00Z"))
        #expect(berlin.parse("15.07.2026 09:30") == Time.parse("2026-07-15T07:30:00Z"))
        let ny = try DatePattern("MM/dd/yyyy", timeZone: Self.zone("America/New_York"))
        #expect(ny.parse("03/02/2026") == Time.parse("2026-03-02T05:00:00Z"))
    }

    @Test func datesThatDoNotFit() throws {
        let p = try DatePattern("dd.MM.yyyy", timeZone: Self.zone("UTC"))
        #expect(p.parse("31.02.2026") == nil)     // no such day
        #expect(p.parse("2026-03-02") == nil)     // another format
        #expect(p.parse("02.03.2026 extra") == nil) // trailing text
        #expect(p.parse("02.13.2026") == nil)
        #expect(try DatePattern("h:mm a dd/MM/yyyy", timeZone: Self.zone("UTC")).parse("13:00 PM 01/01/2026") == nil)
        #expect(throws: DatePattern.Invalid.self) { try DatePattern("dd.MM.yyyy QQ", timeZone: Self.zone("UTC")) }
        #expect(throws: DatePattern.Invalid.self) { try DatePattern("HH:mm", timeZone: Self.zone("UTC")) }
    }

    // MARK: mapping files

    static func parseError(_ yaml: String) -> (location: String, field: String?, message: String)? {
        do {
            _ = try ImportMapping.parse(yaml: yaml, file: "m.yaml")
            return nil
        } catch VetdeskError.malformed(let file, let location, let field, let message) {
            #expect(file == "m.yaml")
            return (location, field, message)
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func mappingFileMistakes() throws {
        let unknownField = Self.parseError("kind: candidates\nfields:\n  candidate_id: ID\n  full_name: Name\n  emial: E-mail\n")
        #expect(unknownField?.location == "line 5" && unknownField?.field == "emial")
        let missing = Self.parseError("kind: candidates\nfields:\n  candidate_id: ID\n")
        #expect(missing?.field == "full_name" && missing?.message.contains("required") == true)
        let badSetting = Self.parseError("kind: candidates\nfields:\n  candidate_id: ID\n  full_name: {column: Name, lowercas: true}\n")
        #expect(badSetting?.field == "full_name.lowercas" && badSetting?.location == "line 4")
        let badKind = Self.parseError("kind: okta\nfields:\n  x: y\n")
        #expect(badKind?.field == "kind")
        let twoSources = Self.parseError("kind: watchlist\nfields:\n  list_name: {column: L, constant: x}\n  kind: K\n  value: V\n")
        #expect(twoSources?.field == "list_name")
        let badDate = Self.parseError("kind: watchlist\nfields:\n  list_name: L\n  kind: K\n  value: {column: V, date: 'yyyy-MM-dd QQ'}\n")
        #expect(badDate?.field == "value.date")
        let badZone = Self.parseError("kind: watchlist\ntimezone: Mars/Olympus\nfields:\n  list_name: L\n  kind: K\n  value: V\n")
        #expect(badZone?.field == "timezone")
        let twice = Self.parseError("kind: watchlist\nfields:\n  list_name: L\n  kind: K\n  value: V\n  kind: T\n")
        #expect(twice?.location == "YAML" && twice?.message.contains("duplicated key") == true) // Yams refuses it
        let topTypo = Self.parseError("kind: watchlist\nfeilds: {}\n")
        #expect(topTypo?.field == "feilds")
    }

    @Test func everyShippedMappingLoads() throws {
        let dir = URL(fileURLWithPath: MappingImportTests.shipped(""))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 4)
        for f in files {
            let m = try ImportMapping.load(path: dir.appendingPathComponent(f).path)
            #expect(m.kind.schema != nil)
            let text = try String(contentsOfFile: dir.appendingPathComponent(f).path, encoding: .utf8)
            #expect(text.contains("documented at: https://"), "\(f) cites its documentation")
        }
    }

    /// Transforms end to end: split, value map with keep/empty, uppercase, constant, default, country names.
    @Test func transforms() throws {
        let h = try ImportHarness()
        let mapping = try ImportMapping.parse(yaml: """
            kind: candidates
            timezone: Europe/Berlin
            fields:
              candidate_id: {column: Worker, uppercase: true}
              full_name: {join: [Given, Family]}
              email: {column: Mail, lowercase: true}
              declared_country: {column: Location, split: "/", part: -1, country: true}
              city: {column: Location, split: "/", part: 0}
              byod_requested: {column: Own laptop, map: {Ja: true, Nein: false}}
              platform: {column: Channel, map: {LI: linkedin}, unmapped: keep}
              phone_type: {column: Phone kind, map: {Handy: mobile}, unmapped: empty}
              hired_at: {column: Start, date: dd.MM.yyyy HH:mm}
              locale: {column: Lang, default: en-US}
            """, file: "m.yaml")
        let csv = try h.write("hr.csv", """
            Worker,Given,Family,Mail,Location,Own laptop,Channel,Phone kind,Start,Lang
            w-1,Anna, Berg ,Anna@X.example,Berlin / Germany,Ja,LI,Handy,02.03.2026 09:30,
            w-2,Ben,Ode,ben@x.example,Seoul/Republic of Korea,nein,Upwork,Pager,15.07.2026 09:30,ko-KR

            """)
        let report = try h.importer.importFile(path: csv, kind: nil, mapping: mapping)
        #expect(report.records == 2 && report.inserted == 2)
        let a = try #require(try MappingImportTests.row(h, "SELECT * FROM candidate WHERE id = 'W-1'"))
        #expect(a["full_name"] == "Anna Berg")
        #expect(a["email"] == "anna@x.example")
        #expect(a["declared_country"] == "DE")
        #expect(a["city"] == "Berlin")
        #expect(a["byod_requested"] == true)
        #expect(a["platform"] == "linkedin")
        #expect(a["phone_type"] == "mobile")
        #expect(a["hired_at"] == Time.parse("2026-03-02T08:30:00Z"))
        #expect(a["locale"] == "en-US")
        let b = try #require(try MappingImportTests.row(h, "SELECT * FROM candidate WHERE id = 'W-2'"))
        #expect(b["declared_country"] == "KR")
        #expect(b["byod_requested"] == false)
        #expect(b["platform"] == "Upwork")
        #expect((b["phone_type"] as String?) == nil)
        #expect(b["hired_at"] == Time.parse("2026-07-15T07:30:00Z"))
        #expect(b["locale"] == "ko-KR")
    }

    @Test func badCountryNamesItsColumn() throws {
        let h = try ImportHarness()
        let mapping = try ImportMapping.parse(yaml: """
            kind: candidates
            fields:
              candidate_id: ID
              full_name: Name
              declared_country: {column: Country of residence, country: true}
            """, file: "m.yaml")
        let csv = try h.write("hr.csv", "ID,Name,Country of residence\n1,A,Atlantis\n")
        #expect(throws: VetdeskError.malformed(file: csv, location: "line 2", field: "Country of residence → declared_country",
                                              message: "'Atlantis' is not an ISO 3166 country code or English country name")) {
            try h.importer.importFile(path: csv, kind: nil, mapping: mapping)
        }
    }

    /// A sign-in log in its own columns (a VPN's CSV with US-style 12-hour times) through the
    /// logins importer: every stored field checked.
    @Test func loginsThroughAMapping() throws {
        let h = try ImportHarness()
        let mapping = try ImportMapping.parse(yaml: """
            kind: logins
            fields:
              event_id: {join: [User, Timestamp], separator: "|"}
              source: {constant: vpn}
              occurred_at: {column: Timestamp, date: "M/d/yyyy, h:mm:ss.SSS a"}
              account: {column: User, lowercase: true}
              ip: Source IP
              outcome: {column: Result, map: {Allowed: success, Denied: failure}}
              country: {column: Country, country: true}
              session_id: Session
            """, file: "vpn.yaml")
        let csv = try h.write("vpn.csv", """
            Timestamp,User,Source IP,Result,Country,Session,Bytes
            "9/19/2023, 1:45:17.287 PM",Anna@X.example,2001:db8::1,Allowed,Germany,s-1,1200
            "9/19/2023, 11:02:00.000 PM",anna@x.example,85.1.2.3,Denied,"Korea, Democratic People's Republic of",,0

            """)
        let report = try h.importer.importFile(path: csv, kind: nil, mapping: mapping)
        #expect(report.kind == .logins)
        #expect(report.inserted == 2)
        let first = try #require(try MappingImportTests.row(h, "SELECT * FROM login_event WHERE ip = '2001:db8::1'"))
        #expect(first["source"] == "vpn")
        #expect(first["source_id"] == "Anna@X.example|9/19/2023, 1:45:17.287 PM")
        #expect(first["account"] == "anna@x.example")
        #expect(first["occurred_at"] == Time.parse("2023-09-19T13:45:17Z"))
        #expect(first["outcome"] == "success")
        #expect(first["reported_country"] == "DE")
        #expect(first["session_id"] == "s-1")
        let second = try #require(try MappingImportTests.row(h, "SELECT * FROM login_event WHERE ip = '85.1.2.3'"))
        #expect(second["occurred_at"] == Time.parse("2023-09-19T23:02:00Z"))
        #expect(second["outcome"] == "failure")
        #expect(second["reported_country"] == "KP")
        #expect((second["session_id"] as String?) == nil)
    }

    /// A German payroll export: ";"-separated, dd.MM.yyyy dates in Berlin time, decimal commas.
    @Test func semicolonsAndDecimalCommas() throws {
        let h = try ImportHarness()
        _ = try h.importer.importFile(path: try h.write("c.csv", "candidate_id,full_name\n9001,Jon Park\n"), kind: nil)
        let mapping = try ImportMapping.parse(yaml: """
            kind: payments
            delimiter: ";"
            timezone: Europe/Berlin
            fields:
              record_id: Buchungs-Nr
              source: {constant: lohn}
              paid_at: {column: Datum, date: dd.MM.yyyy HH:mm}
              contractor_id: Personalnummer
              payee_name: Empfänger
              account_type: {constant: iban}
              iban: IBAN
              amount: {column: Betrag, decimal: ","}
              currency: Währung
            """, file: "lohn.yaml")
        let csv = try h.write("lohn.csv", """
            Buchungs-Nr;Datum;Betrag;Währung;Personalnummer;Empfänger;IBAN
            B-1;02.03.2026 10:00;1.250,00;EUR;9001;Jon Park;DE89 3704 0044 0532 0130 00
            B-2;03.03.2026 10:00;-40,5;EUR;9001;"Park; Jon";DE89370400440532013000

            """)
        let report = try h.importer.importFile(path: csv, kind: nil, mapping: mapping)
        #expect(report.inserted == 2)
        let p = try #require(try MappingImportTests.row(h, "SELECT * FROM payment WHERE id = 'B-1'"))
        #expect(p["amount"] == "1250.00")
        #expect(p["paid_at"] == Time.parse("2026-03-02T09:00:00Z"))
        #expect(try MappingImportTests.row(h, "SELECT amount FROM payment WHERE id = 'B-2'")?["amount"] == "-40.5")
        #expect(try MappingImportTests.row(h, "SELECT payee_name FROM payment WHERE id = 'B-2'")?["payee_name"] == "Park; Jon")
        #expect(try h.count("payment_account", "identifier = 'DE89370400440532013000' AND iban_valid = 1") == 1)
        // map init sees the separator and says so.
        let yaml = try MappingGuesser.draft(path: csv, displayName: csv, kind: .payments)
        #expect(yaml.contains(#"delimiter: ";""#))
        #expect(yaml.contains(#"#   "Buchungs-Nr""#)) // the header was split on ";"
    }

    // MARK: map init

    @Test func guessNotesValuesThatNeedAMap() throws {
        let h = try ImportHarness()
        let csv = try h.write("vpn.csv", "Event ID,Timestamp,User,IP Address,Result\ne1,2026-03-02T07:14:00Z,a@x.example,85.1.2.3,Allowed\n")
        let yaml = try MappingGuesser.draft(path: csv, displayName: csv, kind: nil)
        #expect(yaml.contains("kind: logins"))
        #expect(yaml.contains(#"values "Allowed" are not success|failure: add a map"#))
        #expect(yaml.contains(#"occurred_at: "Timestamp"   # confidence 0.85: header is a usual name for this field; values are ISO 8601"#))
    }

    @Test func guessesAStarterMapping() throws {
        let h = try ImportHarness()
        let csv = try h.write("ats.csv", """
            Candidate ID,First Name,Last Name,E-mail,Country of residence,Applied On,Favourite colour
            C-1,Anna,Berg,anna@x.example,Germany,03/14/2026,blue
            C-2,Ben,Ode,ben@x.example,Republic of Korea,02/28/2026,red

            """)
        let yaml = try MappingGuesser.draft(path: csv, displayName: csv, kind: nil)
        #expect(yaml.contains("kind: candidates"))
        #expect(yaml.contains(#"candidate_id: "Candidate ID"   # confidence 0.95"#))
        #expect(yaml.contains(#"full_name: {join: ["First Name", "Last Name"], separator: " "}   # confidence 0.90"#))
        #expect(yaml.contains(#"email: "E-mail"   # confidence 0.95"#))
        #expect(yaml.contains(#"declared_country: {column: "Country of residence", country: true}"#))
        #expect(yaml.contains(#"applied_at: {column: "Applied On", date: "MM/dd/yyyy"}"#))
        #expect(yaml.contains(#"#   "Favourite colour""#))
        // The starter mapping is a valid mapping that imports the file as it is.
        let report = try h.importer.importFile(path: csv, kind: nil, mapping: try ImportMapping.parse(yaml: yaml, file: "draft.yaml"))
        #expect(report.inserted == 2)
        #expect(try MappingImportTests.row(h, "SELECT * FROM candidate WHERE id = 'C-2'")?["declared_country"] == "KR")
    }

    /// JSON exports: nested keys and the first element of arrays are offered as dotted paths.
    @Test func guessesFromJSONPaths() throws {
        let h = try ImportHarness()
        let file = MappingImportTests.fixture("greenhouse-harvest-candidates.json")
        let yaml = try MappingGuesser.draft(path: file, displayName: "candidates.json", kind: nil)
        #expect(yaml.contains("kind: candidates"))
        #expect(yaml.contains(#"candidate_id: "id"   # confidence 0.60"#))
        #expect(yaml.contains(#"full_name: {join: ["first_name", "last_name"]"#))
        #expect(yaml.contains(#"email: "email_addresses.0.value"   # confidence 0.85"#))
        #expect(yaml.contains(#"phone: "phone_numbers.0.value"   # confidence 0.85"#))
        // created_at (a generic name) beats applications.0.applied_at (a field inside an array element).
        #expect(yaml.contains(#"applied_at: "created_at"   # confidence 0.60"#))
        let report = try h.importer.importFile(path: file, kind: nil, mapping: try ImportMapping.parse(yaml: yaml, file: "draft.yaml"))
        #expect(report.inserted == 2)
        #expect(try MappingImportTests.row(h, "SELECT email FROM candidate WHERE id = '53883394'")?["email"] == "Jon.Park@Example.com")
        #expect(try MappingImportTests.row(h, "SELECT phone FROM candidate WHERE id = '53883394'")?["phone"] == "+1 415 555 0142")
    }

    /// Free-text locations whose last part is a country: offered split, with the caveat.
    @Test func guessesCountryFromLocationText() throws {
        let h = try ImportHarness()
        let file = MappingImportTests.fixture("gem-candidate_info.csv")
        let yaml = try MappingGuesser.draft(path: file, displayName: "candidate_info.csv", kind: nil)
        #expect(yaml.contains(#"profile_location: {column: "candidate_location", split: ",", part: -1, country: true}   # confidence 0.51"#))
        _ = try h.importer.importFile(path: file, kind: nil, mapping: try ImportMapping.parse(yaml: yaml, file: "draft.yaml"))
        #expect(try MappingImportTests.row(h, "SELECT profile_location FROM candidate WHERE id = '9001'")?["profile_location"] == "US")
        #expect(try MappingImportTests.row(h, "SELECT profile_location FROM candidate WHERE id = '9002'")?["profile_location"] == "PL")
    }

    @Test func guessSaysWhatIsMissingAndAmbiguous() throws {
        let h = try ImportHarness()
        let csv = try h.write("pay.csv", "Transaction ID,Date,Amount,Currency,Payee\nT1,01/02/2026,10.00,EUR,A\n")
        let yaml = try MappingGuesser.draft(path: csv, displayName: csv, kind: .payments)
        #expect(yaml.contains("# contractor_id:   # REQUIRED"))
        #expect(yaml.contains("dates also fit dd/MM/yyyy: check"))
        // Left incomplete on purpose: loading it names the first required field still missing.
        #expect(throws: VetdeskError.self) { try ImportMapping.parse(yaml: yaml, file: "draft.yaml") }
    }

    /// Header text is echoed into the draft: control and bidi characters become YAML escapes, so the
    /// terminal shows them harmless while the escaped name still matches the export exactly.
    @Test func hostileHeadersAreEscaped() throws {
        let h = try ImportHarness()
        let csv = try h.write("x.csv", "candidate_id,full_name,\u{1B}[31mred\u{202E}x\n1,A,b\n")
        let yaml = try MappingGuesser.draft(path: csv, displayName: csv, kind: .candidates)
        #expect(!yaml.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(yaml.contains(#"\u001B[31mred\u202Ex"#))
    }
}
