import Foundation
import Testing
@testable import VetdeskCore

/// Each official list format parses from a fixture written in its authority's layout.
@Suite struct ListFormatTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/lists/\(name)").path
    }

    func record(_ doc: ListDocument, _ id: String) throws -> ListRecord {
        try #require(doc.records.first { $0.recordId == id }, "record \(id) in \(doc.name)")
    }

    @Test func ofacLegacyCSVSetJoinsAliasesAndContinuedRemarks() throws {
        let docs = try ListFormats.parse(files: [Self.fixture("ofac-csv/sdn.csv")])
        let doc = try #require(docs.first)
        #expect(docs.count == 1)
        #expect(doc.name == "OFAC SDN" && doc.format == "ofac-sdn-csv")
        #expect(doc.version.hasPrefix("sha256:"))
        #expect(doc.records.count == 7)
        let kim = try record(doc, "36218")
        #expect(kim.kind == .person)
        #expect(kim.names.map(\.name) == ["Sang Man KIM", "Sang-man KIM"])
        #expect(kim.birthDates == ["1980-10-16"])
        #expect(kim.nationalities == ["KP"])
        #expect(kim.identifiers.contains(ListIdentifier(kind: .wallet, value: "0x3D4a9A5c0b1E2f3a4B5c6D7e8F9a0B1c2D3e4F5a", currency: "ETH")))
        #expect(kim.identifiers.contains(ListIdentifier(kind: .wallet, value: "0x3d4a9a5c0b1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", currency: "USDT")))
        #expect(kim.identifiers.contains(ListIdentifier(kind: .email, value: "kim.sangman.it@gmail.com")))
        #expect(kim.identifiers.contains(ListIdentifier(kind: .phone, value: "+7 914 000 1234")))
        let jo = try record(doc, "52003")
        // The e-mail is cut at the end of sdn.csv's remarks and continues in sdn_comments.csv.
        #expect(jo.identifiers.contains(ListIdentifier(kind: .email, value: "jo.kyonghun@outlook.com")))
        #expect(jo.identifiers.contains(ListIdentifier(kind: .wallet, value: "TXmVpin5vq5gdZsciyyjdZgKRUju4st1wM", currency: "TRX")))
        #expect(jo.names.contains(ListName(name: "Jacob Sparrow", strength: .weak)))
        #expect(jo.names.contains(ListName(name: "Kyong Hun CHO", strength: .strong)))
        let chinyong = try record(doc, "36217")
        #expect(chinyong.kind == .entity && chinyong.programs == ["DPRK3", "DPRK4"])
        #expect(chinyong.names.map(\.name).contains("JINYONG IT COOPERATION COMPANY"))
    }

    @Test func ofacCompanionFileAloneIsRefused() throws {
        #expect(throws: ListFormatError.self) { try ListFormats.parse(files: [Self.fixture("ofac-csv/alt.csv")]) }
    }

    @Test func ofacXML() throws {
        let doc = try #require(try ListFormats.parse(files: [Self.fixture("ofac-sdn.xml")]).first)
        #expect(doc.format == "ofac-sdn-xml" && doc.publishedAt == "2025-07-24" && doc.version == "2025-07-24")
        let kim = try record(doc, "36218")
        #expect(kim.names == [ListName(name: "Sang Man KIM", strength: .primary), ListName(name: "Sang-man KIM", strength: .strong),
                              ListName(name: "Sergei", strength: .weak)])
        #expect(kim.identifiers.filter { $0.kind == .wallet }.map(\.currency) == ["ETH", "XBT"])
        #expect(kim.birthDates == ["1980-10-16"] && kim.nationalities == ["KP"])
    }

    @Test func unConsolidatedXML() throws {
        let doc = try #require(try ListFormats.parse(files: [Self.fixture("un-consolidated.xml")]).first)
        #expect(doc.format == "un-xml" && doc.publishedAt == "2025-09-30")
        #expect(doc.records.map(\.recordId) == ["KPi.077", "KPi.068", "KPe.054"])
        let kim = try record(doc, "KPi.077")
        #expect(kim.names.first?.name == "KIM SONG IL")
        #expect(kim.names.contains(ListName(name: "Mr Kim", strength: .weak)))
        #expect(kim.names.contains(ListName(name: "김성일", strength: .strong)))
        #expect(kim.nationalities == ["KP"] && kim.birthDates == ["1974-03-26"])
        #expect(try record(doc, "KPi.068").birthDates == ["1967"])
        #expect(try record(doc, "KPe.054").kind == .entity)
    }

    @Test func euConsolidatedXML() throws {
        let doc = try #require(try ListFormats.parse(files: [Self.fixture("eu-consolidated.xml")]).first)
        #expect(doc.format == "eu-xml" && doc.publishedAt == "2025-10-01")
        let kim = try record(doc, "EU.4024.56")
        #expect(kim.names.contains(ListName(name: "Song Il", strength: .weak)))
        #expect(kim.nationalities == ["KP"] && kim.birthDates == ["1974-03-26"])
        #expect(try record(doc, "EU.9001.12").kind == .entity)
    }

    @Test func ukOFSICSV() throws {
        let doc = try #require(try ListFormats.parse(files: [Self.fixture("uk-ofsi-consolidated.csv")]).first)
        #expect(doc.format == "uk-ofsi-csv" && doc.publishedAt == "2025-09-30")
        #expect(doc.records.count == 2)
        let kim = try record(doc, "16001")
        #expect(kim.names.map(\.name) == ["Sang Man KIM", "김상만", "Sang-man KIM"])
        #expect(kim.birthDates == ["1980-10-16"] && kim.nationalities == ["KP"])
        #expect(kim.identifiers == [ListIdentifier(kind: .email, value: "kim.sangman.it@gmail.com")])
        #expect(try record(doc, "16002").names.last == ListName(name: "JINYONG IT COOPERATION COMPANY", strength: .weak))
    }

    @Test func followTheMoneyAttachesWalletsToHolders() throws {
        let doc = try #require(try ListFormats.parse(files: [Self.fixture("opensanctions.ftm.jsonl")]).first)
        #expect(doc.name == "OpenSanctions us_ofac_sdn" && doc.version == "2025-07-24T12:00:00")
        let kim = try record(doc, "ofac-36218")
        #expect(kim.identifiers.contains(ListIdentifier(kind: .wallet, value: "0x3D4a9A5c0b1E2f3a4B5c6D7e8F9a0B1c2D3e4F5a", currency: "ETH")))
        #expect(kim.names.contains(ListName(name: "Sergei", strength: .weak)))
        // The Lazarus wallet's holder is not in the file: the wallet stands as its own record.
        #expect(try record(doc, "ofac-cryptowallet-lazarus").identifiers.count == 1)
        #expect(doc.skipped == ["schema Sanction": 1])
    }

    @Test func intelFeeds() throws {
        let csv = try #require(try ListFormats.parse(files: [Self.fixture("intel-feed.csv")]).first)
        #expect(csv.name == "team-intel-2025-10" && csv.records.count == 6)
        let stix = try #require(try ListFormats.parse(files: [Self.fixture("stix-bundle.json")]).first)
        #expect(stix.format == "stix-2.1")
        let ids = stix.records.flatMap(\.identifiers)
        #expect(ids.contains(ListIdentifier(kind: .wallet, value: "0x7F367cC41522cE07553e823bf3be79A889DEbe1B")))
        #expect(ids.contains(ListIdentifier(kind: .handle, value: "smart-dev-0707")))
        #expect(stix.records.contains { $0.names.map(\.name).contains("Jasper Sleet") })
        let misp = try #require(try ListFormats.parse(files: [Self.fixture("misp-event.json")]).first)
        #expect(misp.name == "DPRK IT worker applicant cluster" && misp.authority == "ISAC example")
        #expect(misp.records.flatMap(\.identifiers).contains(ListIdentifier(kind: .wallet, value: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", currency: "XBT")))
        #expect(misp.records.contains { $0.names.map(\.name).contains("Kyong Hun Jo") })
        #expect(misp.skipped == ["attribute type comment": 1])
    }

    @Test func unknownFormatNamesTheFile() throws {
        let path = NSTemporaryDirectory() + "vetdesk-list-\(UUID().uuidString).xml"
        try "<other><x/></other>".write(toFile: path, atomically: true, encoding: .utf8)
        do { _ = try ListFormats.parse(files: [path]); Issue.record("expected an error") } catch let e as ListFormatError {
            #expect(e.description.contains((path as NSString).lastPathComponent) && e.field == "root element")
        }
    }
}
