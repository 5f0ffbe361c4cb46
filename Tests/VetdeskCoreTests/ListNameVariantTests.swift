import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// The name variants the issue names, each with what its explanation says; the near-miss set of
/// common European names; a candidate's passport nationality moving a name match; and a list
/// update that fails leaving the previous version whole.
@Suite struct ListNameVariantTests {
    static let allFiles = ListScreeningTests.files + ["ofac-sdn-enhanced.xml", "uk-sanctions-list.xml", "uk-sanctions-list.csv",
                                                     "uk-ofsi-consolidated.xml", "uk-ofsi-consolidated.ods"]

    static func index() throws -> ListIndex {
        var index = ListIndex()
        for d in try ListFormats.parse(files: allFiles.map(ListFormatTests.fixture)) {
            for r in d.records { index.add(listName: d.name, version: d.version, record: r) }
        }
        return index
    }

    func hit(_ index: ListIndex, _ name: String, _ id: String) -> ListIndex.NameHit? {
        index.screen(name: name).first { index.entries[$0.entry].recordId == id }
    }

    @Test func eachKindOfVariantIsFoundAndSaysHow() throws {
        let index = try Self.index()
        // (query, listed record, level, text the explanation must contain)
        let cases: [(String, String, ListIndex.Level, String)] = [
            ("Cho Kyong Hun", "52003", .strong, "cho~jo (romanisation variant)"),      // Jo/Cho
            ("Gayk Kyung Chul", "line-7", .strong, "gayk~gaik (romanisation variant)"), // Gaik/Gayk
            ("Gaik Kyong Chol", "line-7", .strong, "gaik"),
            ("KIM Sang-man", "36218", .strong, "sang"),                                  // hyphenated given name
            ("Kim Sangman", "36218", .strong, "sangman"),                                // joined
            ("Kim Sang Man", "36218", .strong, "man"),                                   // spaced
            ("Sang Man Kim", "36218", .strong, "kim"),                                   // reversed order
            ("Jo Kyŏng-hun", "52003", .strong, "jo"),                                    // diacritics
            ("Myŏng Ch’ol Min", "52004", .strong, "myong"),                              // curly apostrophe
            ("Myong Ch'ol Min", "52004", .strong, "myong"),                              // straight apostrophe
            ("Ri Chol Nam", "line-6", .strong, "ri"),
            ("Lee Chol-nam", "line-6", .strong, "lee~ri (romanisation variant)"),
        ]
        for (query, id, level, says) in cases {
            // The same record id may be on several fixture lists (OFAC CSV, XML, enhanced XML): any of them.
            let found = index.screen(name: query).filter { index.entries[$0.entry].recordId == id }
            #expect(found.contains { $0.level == level && $0.explanation.contains(says) },
                    "\(query) should find \(id) (\(level), '\(says)'): \(found.map(\.explanation))")
        }
        // Strong and weak aliases as the lists mark them: a weak alias alone is only ever possible.
        let strongAlias = try #require(hit(index, "Jinyong IT Cooperation Company", "36217"))
        #expect(strongAlias.strength == .strong && strongAlias.level == .strong)
        let weak = try #require(hit(index, "Jacob Sparrow", "52003"))
        #expect(weak.strength == .weak && weak.level == .possible && weak.explanation.contains("weak name"))
        let sergei = index.screen(name: "Sergei")
        #expect(sergei.allSatisfy { $0.level == .possible }, "\(sergei.map(\.explanation))")
    }

    /// ~200 common German, French, Polish, Dutch, Spanish and Italian names, and Korean names of
    /// other people: none may score as a hit of any level against every fixture list.
    @Test func commonEuropeanNamesNeverHit() throws {
        let index = try Self.index()
        let text = try String(contentsOfFile: ListFormatTests.fixture("near-miss-european-names.txt"), encoding: .utf8)
        let names = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(names.count >= 190)
        var hits: [String] = []
        for n in names { for h in index.screen(name: n) { hits.append("\(n) -> \(h.explanation)") } }
        print("lists: near-miss set \(names.count) names, \(hits.count) hit(s)")
        #expect(hits.isEmpty, "near misses scoring as hits: \(hits)")
    }

    @Test func passportNationalityMovesACandidatesNameMatch() throws {
        let fx = try RuleFixture()
        func passport(_ cid: String, _ country: String, name: String? = nil) throws {
            try fx.sql("""
                INSERT INTO identity_check (id, candidate_id, checked_at, provider, document_type, document_country, result, name_on_document)
                VALUES (?, ?, 1700000000, 'idv', 'passport', ?, 'passed', ?)
                """, [cid + "-id", cid, country, name])
        }
        try fx.candidate("KP", "Kim Sang Man"); try passport("KP", "KP")
        try fx.candidate("DE", "Kim Sang Man"); try passport("DE", "DE")
        try fx.candidate("NONE", "Kim Sang Man")
        try fx.candidate("DOC", "Oliver Brandt"); try passport("DOC", "CN", name: "KIM Sang-man")
        let lists = ListStore(store: fx.store)
        _ = try lists.save(try ListFormats.parse(files: [ListFormatTests.fixture("ofac-sdn.xml")])[0])
        try fx.rescoreAll()
        func evidence(_ cid: String) throws -> String {
            try #require(try fx.flag(cid, "sanctions_name_match"), "\(cid) flagged").evidence.map(\.detail).joined(separator: " | ")
        }
        #expect(try evidence("KP").contains("agreed: nationality KP"))
        #expect(try evidence("KP").contains("strong"))
        let de = try evidence("DE")
        #expect(de.contains("disagreed: nationality DE vs KP") && de.contains("possible"), "\(de)")
        #expect(!(try evidence("NONE")).contains("nationality"), "no passport: the name alone")
        let doc = try evidence("DOC")
        #expect(doc.contains("name_on_document") && doc.contains("disagreed: nationality CN vs KP"), "\(doc)")
    }

    @Test func aFailedUpdateLeavesThePreviousVersionWhole() throws {
        let fx = try RuleFixture()
        let lists = ListStore(store: fx.store)
        let v1 = try lists.save(try ListFormats.parse(files: [ListFormatTests.fixture("ofac-sdn.xml")])[0])
        var broken = try ListFormats.parse(files: [ListFormatTests.fixture("ofac-sdn-enhanced.xml")])[0]
        broken.records.append(broken.records[0])   // the same record id twice
        #expect(throws: ListFormatError.self) { _ = try lists.save(broken) }
        let now = try #require(try lists.summaries().first)
        #expect(now.version == v1.version && now.format == "ofac-sdn-xml" && now.records == v1.records)
        #expect(try fx.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM list_name") } == v1.names)
        // A good update then replaces it, naming what it replaced.
        let v2 = try lists.save(try ListFormats.parse(files: [ListFormatTests.fixture("ofac-sdn-enhanced.xml")])[0])
        #expect(v2.replacedVersion == v1.version && v2.version == "2025-07-24T00:00:00")
        #expect(try lists.summaries().map(\.version) == [v2.version])
    }
}
