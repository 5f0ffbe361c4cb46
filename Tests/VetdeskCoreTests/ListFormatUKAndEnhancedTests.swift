import Foundation
import Testing
@testable import VetdeskCore

/// OFAC's enhanced XML and the UK lists in each published form (FCDO CSV and XML, OFSI CSV, XML
/// and ODS): the same designations read the same way whatever the file.
@Suite struct ListFormatUKAndEnhancedTests {
    func doc(_ name: String) throws -> ListDocument {
        try #require(try ListFormats.parse(files: [ListFormatTests.fixture(name)]).first)
    }
    func record(_ d: ListDocument, _ id: String) throws -> ListRecord {
        try #require(d.records.first { $0.recordId == id }, "record \(id) in \(d.name)")
    }

    @Test func ofacEnhancedXML() throws {
        let d = try doc("ofac-sdn-enhanced.xml")
        #expect(d.name == "OFAC SDN" && d.format == "ofac-enhanced-xml")
        #expect(d.publishedAt == "2025-07-24" && d.version == "2025-07-24T00:00:00")
        let kim = try record(d, "36218")
        #expect(kim.kind == .person && kim.programs == ["DPRK3"])
        #expect(kim.names == [ListName(name: "KIM, Sang Man", strength: .primary), ListName(name: "Sang-man KIM", strength: .strong),
                              ListName(name: "Sergei", strength: .weak)])
        #expect(kim.birthDates == ["1980-10-16"])
        #expect(kim.nationalities == ["KP"], "nationality through its referenceValue")
        #expect(kim.identifiers == [ListIdentifier(kind: .wallet, value: "0x3D4a9A5c0b1E2f3a4B5c6D7e8F9a0B1c2D3e4F5a", currency: "ETH"),
                                    ListIdentifier(kind: .email, value: "kim.sangman.it@gmail.com"),
                                    ListIdentifier(kind: .phone, value: "+7 914 000 1234")])
        #expect(d.skipped == ["feature Gender (not screened)": 1, "identity document (not screened)": 1])
        let chinyong = try record(d, "36217")
        #expect(chinyong.kind == .entity && chinyong.names.map(\.name).contains("JINYONG IT COOPERATION COMPANY"))
        // Screens like the other OFAC formats.
        var index = ListIndex()
        for r in d.records { index.add(listName: d.name, version: d.version, record: r) }
        #expect(index.screen(name: "Gim Sang-man").first.map { index.entries[$0.entry].recordId } == "36218")
        #expect(index.screen(identifier: "kimsangmanit@gmail.com", kind: .email).count == 1)
    }

    /// Every UK form of the same two designations.
    func expectKimAndChinyong(_ d: ListDocument, kim kimId: String, chinyong chId: String, weakAlias: Bool) throws {
        let kim = try record(d, kimId)
        #expect(kim.kind == .person)
        #expect(kim.names.first == ListName(name: "Sang Man KIM", strength: .primary), "\(d.format): \(kim.names)")
        #expect(kim.names.contains(ListName(name: "Sang-man KIM", strength: .strong)))
        #expect(kim.names.contains(ListName(name: "김상만", strength: .strong)))
        #expect(kim.birthDates == ["1980-10-16"] && kim.nationalities == ["KP"], "\(d.format)")
        #expect(kim.identifiers.contains(ListIdentifier(kind: .email, value: "kim.sangman.it@gmail.com")))
        if weakAlias { #expect(kim.names.contains(ListName(name: "Sergei", strength: .weak))) }
        let ch = try record(d, chId)
        #expect(ch.kind == .entity && ch.names.first?.name == "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY")
    }

    @Test func ukSanctionsListXMLAndCSV() throws {
        let xml = try doc("uk-sanctions-list.xml")
        #expect(xml.name == "UK Sanctions List" && xml.authority == "UK FCDO" && xml.format == "uk-sanctions-list-xml")
        #expect(xml.publishedAt == "2025-10-01" && xml.version == "2025-10-01")
        try expectKimAndChinyong(xml, kim: "DPR0301", chinyong: "DPR0302", weakAlias: true)
        #expect(try record(xml, "DPR0301").identifiers.contains { $0.kind == .wallet && $0.currency == "ETH" })
        #expect(try record(xml, "DPR0301").identifiers.contains(ListIdentifier(kind: .phone, value: "+7 914 000 1234")))
        let csv = try doc("uk-sanctions-list.csv")
        #expect(csv.name == "UK Sanctions List" && csv.format == "uk-sanctions-list-csv" && csv.publishedAt == "2025-10-01")
        try expectKimAndChinyong(csv, kim: "DPR0301", chinyong: "DPR0302", weakAlias: true)
    }

    @Test func ofsiConsolidatedXMLAndODS() throws {
        let xml = try doc("uk-ofsi-consolidated.xml")
        #expect(xml.name == "UK OFSI Consolidated" && xml.format == "uk-ofsi-xml")
        #expect(xml.publishedAt == "2025-09-30", "no date of its own: the latest Last Updated")
        #expect(xml.version.hasPrefix("sha256:"))
        try expectKimAndChinyong(xml, kim: "16001", chinyong: "16002", weakAlias: false)
        #expect(try record(xml, "16002").names.contains(ListName(name: "JINYONG IT COOPERATION COMPANY", strength: .weak)))
        let ods = try doc("uk-ofsi-consolidated.ods")
        let csv = try doc("uk-ofsi-consolidated.csv")
        #expect(ods.format == "uk-ofsi-ods" && ods.publishedAt == "2025-09-30" && ods.version == csv.version)
        #expect(ods.records == csv.records, "the spreadsheet reads exactly as the CSV it was made from")
    }

    @Test func aZipThatIsNotASpreadsheetIsRefusedByName() throws {
        // An OpenDocument text file, not a spreadsheet.
        do { _ = try doc("not-a-spreadsheet.ods"); Issue.record("expected an error") } catch let e as ListFormatError {
            #expect(e.description.contains("not-a-spreadsheet.ods") && e.record == "mimetype", "\(e)")
        }
    }
}
