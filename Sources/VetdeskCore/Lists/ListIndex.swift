import Foundation

/// Loaded lists, indexed for screening: identifiers by normal form, names by token and phonetic
/// key, so a name is compared only with listed names that share a token (never every pair).
public struct ListIndex: Sendable {
    public struct Entry: Sendable {
        public var listName: String
        public var version: String
        public var recordId: String
        public var kind: ListRecord.Kind
        public var primaryName: String
        public var birthDates: [String]
        public var nationalities: [String]
    }
    struct IndexedName: Sendable {
        var entry: Int
        var name: String
        var strength: ListName.Strength
        var forms: [[NameTokens.Token]]
        var identifying: Int
    }

    public private(set) var entries: [Entry] = []
    var names: [IndexedName] = []
    var byKey: [String: [Int]] = [:]
    var identifiers: [String: [(entry: Int, id: ListIdentifier)]] = [:]

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    public mutating func add(listName: String, version: String, record r: ListRecord) {
        let e = entries.count
        entries.append(Entry(listName: listName, version: version, recordId: r.recordId, kind: r.kind,
                             primaryName: r.names.first?.name ?? "", birthDates: r.birthDates, nationalities: r.nationalities))
        for i in r.identifiers {
            guard let k = ListIdentifierKeys.key(i.kind, i.value) else { continue }
            identifiers[k, default: []].append((e, i))
        }
        for n in r.names {
            let tokens = NameTokens.tokens(n.name)
            guard !tokens.isEmpty else { continue }
            let idx = names.count
            let forms = NameTokens.forms(tokens)
            names.append(IndexedName(entry: e, name: n.name, strength: n.strength, forms: forms,
                                     identifying: tokens.filter { $0.weight == 1 }.count))
            var keys = Set<String>()
            for f in forms { for t in f where t.weight == 1 { keys.insert(t.key) } }
            for k in keys { byKey[k, default: []].append(idx) }
        }
    }

    // MARK: identifiers

    public struct IdentifierHit: Sendable, Equatable {
        public var entry: Int
        public var identifier: ListIdentifier
        /// The value screened, as given.
        public var value: String
        public var explanation: String
    }

    public func screen(identifier value: String, kind: ListIdentifier.Kind) -> [IdentifierHit] {
        guard let k = ListIdentifierKeys.key(kind, value), let found = identifiers[k] else { return [] }
        return found.map { f in
            let how = f.id.value == value ? "same value" : "same \(kind.rawValue) once normalised (\(Self.rule(kind)))"
            let cur = f.id.currency.map { " (\($0))" } ?? ""
            return IdentifierHit(entry: f.entry, identifier: f.id, value: value, explanation: "\(kind.rawValue)\(cur) \(f.id.value): \(how)")
        }
    }

    static func rule(_ k: ListIdentifier.Kind) -> String {
        switch k {
        case .email: "case, provider dots and +tags ignored"
        case .phone: "international prefix and punctuation ignored"
        case .wallet: "EVM hex case and 0x ignored"
        case .iban: "spaces and case ignored"
        case .handle, .website: "case, @ and platform prefix ignored"
        case .ip: "canonical address"
        }
    }

    // MARK: names

    public enum Level: String, Sendable, Codable, Comparable {
        case possible, strong
        public static func < (a: Level, b: Level) -> Bool { a == .possible && b == .strong }
    }

    public struct NameHit: Sendable, Equatable {
        public var entry: Int
        public var query: String
        public var matchedName: String
        public var strength: ListName.Strength
        public var score: Double
        public var level: Level
        public var agreed: [String]
        public var disagreed: [String]
        public var pairs: [NameScore.Pair]

        public var explanation: String {
            let p = pairs.map { $0.how == "same" ? $0.listed : "\($0.query)~\($0.listed) (\($0.how))" }.joined(separator: ", ")
            var s = String(format: "%.2f", score) + " \(level.rawValue): '\(query)' ~ \(strength.rawValue) name '\(matchedName)' [\(p)]"
            if !agreed.isEmpty { s += "; agreed: " + agreed.joined(separator: ", ") }
            if !disagreed.isEmpty { s += "; disagreed: " + disagreed.joined(separator: ", ") }
            return s
        }
    }

    /// Scores at or above these are hits: `strong` can be acted on, `possible` goes to review.
    public static let strongScore = 0.95
    public static let possibleScore = 0.88

    /// Names scoring as hits, best first (one per listed record).
    public func screen(name: String, birthDate: String? = nil, nationality: String? = nil) -> [NameHit] {
        let q = NameTokens.tokens(name)
        let qIdentifying = q.filter { $0.weight == 1 }.count
        guard qIdentifying >= 1 else { return [] }
        let qForms = NameTokens.forms(q)
        var keys = Set<String>()
        for f in qForms { for t in f where t.weight == 1 { keys.insert(t.key) } }
        var shared: [Int: Int] = [:]
        for k in keys { for n in byKey[k] ?? [] { shared[n, default: 0] += 1 } }
        var best: [Int: NameHit] = [:]
        for (ni, count) in shared {
            let n = names[ni]
            // A person is not found by one shared token ("Kim") unless the listed name has one.
            guard count >= min(2, n.identifying, qIdentifying) else { continue }
            var top: NameScore.Result?
            for a in qForms { for b in n.forms { if let r = NameScore.score(a, b), r.score > (top?.score ?? 0) { top = r } } }
            guard let r = top else { continue }
            let matchedIdentifying = r.pairs.count
            if entries[n.entry].kind == .person && matchedIdentifying < min(2, n.identifying, qIdentifying) { continue }
            var score = r.score
            var agreed: [String] = [], disagreed: [String] = []
            let e = entries[n.entry]
            if let d = birthDate.flatMap(ListDates.normalise), !e.birthDates.isEmpty {
                if e.birthDates.contains(where: { $0.hasPrefix(d) || d.hasPrefix($0) }) { score += 0.03; agreed.append("date of birth \(d)") }
                else if e.birthDates.contains(where: { $0.prefix(4) == d.prefix(4) }) { agreed.append("year of birth \(d.prefix(4))") }
                else { score -= 0.2; disagreed.append("date of birth \(d) vs \(e.birthDates.joined(separator: "/"))") }
            }
            if let c = nationality.map({ Country.alpha2($0) ?? $0.uppercased() }), !e.nationalities.isEmpty {
                if e.nationalities.contains(c) { score += 0.02; agreed.append("nationality \(c)") }
                else { score -= 0.1; disagreed.append("nationality \(c) vs \(e.nationalities.joined(separator: "/"))") }
            }
            if !r.unmatched.isEmpty { disagreed.append("unmatched: " + r.unmatched.joined(separator: " ")) }
            score = min(1, max(0, score))
            guard score >= Self.possibleScore else { continue }
            // A weak alias never makes a strong hit on its own.
            // Neither does a spelling slip: only exact or romanisation-folded tokens make a strong hit.
            let spelled = r.pairs.contains { $0.how == "spelling" }
            let level: Level = score >= Self.strongScore && n.strength != .weak && !spelled ? .strong : .possible
            let hit = NameHit(entry: n.entry, query: name, matchedName: n.name, strength: n.strength, score: score, level: level,
                              agreed: agreed, disagreed: disagreed, pairs: r.pairs)
            if let old = best[n.entry], (old.level, old.score) >= (hit.level, hit.score) { continue }
            best[n.entry] = hit
        }
        return best.values.sorted { ($0.level, $0.score, $1.matchedName) > ($1.level, $1.score, $0.matchedName) }
    }
}
