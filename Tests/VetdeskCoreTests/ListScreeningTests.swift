import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Screening against the fixture lists: exact identifiers after normalisation, fuzzy names with
/// their explanations, and the near misses that must not hit.
@Suite struct ListScreeningTests {
    static let files = ["ofac-csv/sdn.csv", "ofac-sdn.xml", "un-consolidated.xml", "eu-consolidated.xml", "uk-ofsi-consolidated.csv",
                        "opensanctions.ftm.jsonl", "intel-feed.csv", "stix-bundle.json", "misp-event.json"]

    static func index() throws -> ListIndex {
        var index = ListIndex()
        for d in try ListFormats.parse(files: files.map(ListFormatTests.fixture)) {
            for r in d.records { index.add(listName: d.name, version: d.version, record: r) }
        }
        return index
    }

    @Test func identifiersMatchAfterNormalisation() throws {
        let index = try Self.index()
        func hits(_ v: String, _ k: ListIdentifier.Kind) -> Set<String> { Set(index.screen(identifier: v, kind: k).map { index.entries[$0.entry].recordId }) }
        // Gmail ignores dots and +tags; case never matters in e-mail addresses.
        #expect(hits("Kim.Sang.Man.IT+upwork@googlemail.com", .email).contains("36218"))
        #expect(hits("kimsangmanit@gmail.com", .email).contains("36218"))
        #expect(hits("devopsstar@gmail.com", .email) == ["line-2"])
        // Outlook drops +tags but keeps dots.
        #expect(hits("jo.kyonghun+x@outlook.com", .email) == ["52003"])
        #expect(hits("jokyonghun@outlook.com", .email).isEmpty)
        // EVM: case and 0x do not matter; EIP-55 checksummed input accepted.
        #expect(hits("3d4a9a5c0b1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", .wallet).contains("36218"))
        #expect(hits("0x098b716b8aaf21512996dc57eb0615e2383e2f96", .wallet).contains("23304"))
        // Base58 is case-sensitive: a changed case is another address.
        #expect(!hits("TXmVpin5vq5gdZsciyyjdZgKRUju4st1wM", .wallet).isEmpty)
        #expect(hits("txmvpin5vq5gdzsciyyjdzgkruju4st1wm", .wallet).isEmpty)
        #expect(hits("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", .wallet).count == 1)
        // Phones: the international prefix written as + or 00, punctuation ignored.
        #expect(hits("+8618641567893", .phone).isSuperset(of: ["52003"]))
        #expect(hits("+1 628-555-0142", .phone) == ["line-3"])
        #expect(hits("DE89370400440532013000", .iban) == ["line-5"])
        #expect(hits("@FullStack-Wizard93", .handle) == ["line-4"])
        let h = try #require(index.screen(identifier: "KIM.SANGMAN.IT@gmail.com", kind: .email).first)
        #expect(h.explanation.contains("provider dots and +tags ignored"))
    }

    /// Variants of listed names that must be found (romanisation, hyphens, order, diacritics,
    /// curly apostrophes, aliases).
    static let variants: [(String, String)] = [
        ("Kim Sang Man", "36218"), ("KIM Sang-man", "36218"), ("Kim Sangman", "36218"), ("Sang Man Kim", "36218"),
        ("Gim Sang-Man", "36218"), ("Sangman KIM", "36218"), ("kim sang man", "36218"),
        ("Cho Kyong Hun", "52003"), ("Jo Kyŏng-hun", "52003"), ("Kyong Hun Jo", "52003"), ("Joh Kyonghun", "52003"),
        ("Kim Se Un", "52002"), ("Kim Se-un", "52002"), ("Myong Chol Min", "52004"), ("Myŏng Ch’ol Min", "52004"),
        ("Park Hwa Song", "KPi.068"), ("Bak Hwa-Song", "KPi.068"), ("Kim Song-il", "KPi.077"), ("Gim Seong Il", "KPi.077"),
        ("Cho Kyung Hun", "52003"), ("Myung Chul Min", "52004"), ("Kim Sung Il", "KPi.077"),
        ("Rhee Chol Nam", "line-6"), ("Lee Chol-nam", "line-6"), ("Li Cheol Nam", "line-6"),
        ("Chinyong Information Technology Cooperation Company", "36217"), ("Jinyong IT Cooperation Co., Ltd", "36217"),
        ("Korea Sobaeksu Trading Company", "52001"), ("Sobaeksu Trading Corp", "52001"),
        ("Ministry of People’s Armed Forces", "KPe.054"),
    ]

    /// Names that resemble listed ones but are other people: none may score as a hit.
    static let nearMisses = [
        "Kimberly Sanchez", "Kim Sang Min", "Kim Seung Man", "Sam Kim", "Samantha Kim", "Kim Sanders", "Jon Kyong Hun",
        "Cho Kyung Ho", "Myong Chol", "Kim Se Jin", "Park Hwa Jin", "Rhee Chul Soo", "Korea Trading Company",
        "Information Technology Cooperation", "Chinyang Trading", "Mario Sang", "Kimi Sangmann", "Lee Nam",
    ]

    @Test func listedNameVariantsAreFound() throws {
        let index = try Self.index()
        for (name, id) in Self.variants {
            let hits = index.screen(name: name)
            #expect(hits.contains { index.entries[$0.entry].recordId == id }, "\(name) should find \(id); got \(hits.map(\.explanation))")
        }
    }

    @Test func nearMissesDoNotHit() throws {
        let index = try Self.index()
        for name in Self.nearMisses {
            let hits = index.screen(name: name)
            #expect(hits.isEmpty, "\(name) must not hit: \(hits.map(\.explanation))")
        }
    }

    @Test func hitsExplainThemselves() throws {
        let index = try Self.index()
        let hit = try #require(index.screen(name: "Gim Sangman").first { index.entries[$0.entry].recordId == "36218" })
        #expect(hit.level == .strong && hit.score >= ListIndex.strongScore)
        #expect(hit.explanation.contains("gim~kim (romanisation variant)"))
        #expect(hit.explanation.contains("sangman"))
        // A weak alias alone is never a strong hit.
        let weak = index.screen(name: "Jacob Sparrow")
        #expect(weak.first?.level == .possible && weak.first?.strength == .weak)
    }

    @Test func birthDateAndNationalityMoveConfidence() throws {
        let index = try Self.index()
        func score(_ dob: String?, _ nat: String?) -> Double? {
            index.screen(name: "Kim Sang Man", birthDate: dob, nationality: nat).first { index.entries[$0.entry].recordId == "36218" }?.score
        }
        let plain = try #require(score(nil, nil))
        let agreed = try #require(score("16 Oct 1980", "North Korea"))
        #expect(agreed >= plain)
        let hit = try #require(index.screen(name: "Kim Sang Man", birthDate: "1980-10-16").first { index.entries[$0.entry].recordId == "36218" })
        #expect(hit.agreed == ["date of birth 1980-10-16"])
        // Another birth date and another nationality: no longer a hit on that record.
        #expect(score("1995-01-02", "DE") == nil)
    }

    /// The demo population's names (common European given names and surnames) against every
    /// listed name: no strong hit, and the rate of possible hits is measured (docs/lists.md).
    @Test func demoPopulationHasNoStrongHits() throws {
        let index = try Self.index()
        var screened = 0, possible = 0
        var strong: [String] = []
        for c in GenCountries.all {
            for f in c.firstNames { for l in c.lastNames {
                screened += 1
                let hits = index.screen(name: "\(f) \(l)")
                if hits.contains(where: { $0.level == .strong }) { strong.append("\(f) \(l)") }
                if !hits.isEmpty { possible += 1 }
            } }
        }
        print("lists: demo population \(screened) names, \(possible) possible hit(s), \(strong.count) strong")
        #expect(screened > 1000)
        #expect(strong.isEmpty, "benign demo names scoring as strong hits: \(strong.prefix(10))")
        #expect(Double(possible) / Double(screened) < 0.001, "possible hits: \(possible) of \(screened)")
    }

    @Test func storeReplacesAVersionAtomicallyAndRulesSeeHits() throws {
        let fx = try RuleFixture()
        try fx.candidate("W", "Oliver Brandt", ["email": "Kim.SangMan.IT+jobs@gmail.com"])
        try fx.candidate("P", "Laura Weiss")
        _ = try fx.payment("P", "p1", type: "wallet", identifier: "0x9FA1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9", holder: "Laura Weiss", method: "crypto")
        try fx.candidate("N", "Myong Chol Min")
        try fx.candidate("C", "Kimberly Sanchez")
        let lists = ListStore(store: fx.store)
        let v1 = try lists.save(try ListFormats.parse(files: [ListFormatTests.fixture("ofac-csv/sdn.csv")])[0])
        #expect(v1.replacedVersion == nil && v1.records == 7)
        try fx.rescoreAll()
        let w = try #require(try fx.flag("W", "watchlist_hit"))
        #expect(w.evidence.contains { $0.detail.contains("record 36218") && $0.detail.contains(v1.version) && $0.detail.contains("OFAC SDN") })
        let p = try #require(try fx.flag("P", "watchlist_hit"))
        #expect(p.evidence.first?.detail.contains("payment_account") == true)
        let n = try #require(try fx.flag("N", "sanctions_name_match"))
        #expect(n.severity == .medium && n.weight <= 0.15)
        #expect(n.evidence.first?.ref == "OFAC SDN:52004")
        #expect(try fx.flag("C", "sanctions_name_match") == nil)
        #expect(try fx.flag("W", "sanctions_name_match") == nil)

        // Version 2 drops Myong Chol Min: the name flag goes, the history keeps the v1 hit.
        let v2 = try lists.save(try ListFormats.parse(files: [ListFormatTests.fixture("ofac-csv-v2/sdn.csv")])[0])
        #expect(v2.replacedVersion == v1.version && v2.version != v1.version && v2.records == 6)
        try fx.rescoreAll()
        #expect(try fx.flag("N", "sanctions_name_match") == nil)
        let summary = try #require(try lists.summaries().first)
        #expect(summary.version == v2.version && summary.previousVersion == v1.version && summary.candidatesHit == 2)
        let versions = try fx.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT version FROM list_hit WHERE candidate_id = 'N'")
        }
        #expect(versions == [v1.version])
        #expect(try fx.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM list_record") } == 6)
    }
}
