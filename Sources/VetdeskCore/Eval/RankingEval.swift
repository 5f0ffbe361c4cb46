import Foundation

/// How well the queue separates known fraud from known benign people: where fraud ranks (share in
/// the top 5 % / 10 % of the whole queue), how many benign people with one innocent trait sit in high
/// or critical, and per rule how often it fired on benign versus fraud. A fraud candidate's rank is
/// pessimistic: the number of candidates scoring at least as high (ties count against it).
public struct RankingEval: Sendable, Encodable {
    public struct Member: Sendable, Encodable {
        public var candidateId: String
        public var group: String
        public var score: Int
        public var rank: Int
        /// rank / queue size: 0.01 = top 1 %.
        public var percentile: Double
    }
    public struct GroupRow: Sendable, Encodable {
        public var group: String
        public var candidates: Int
        public var highOrCritical: Int
        public var medium: Int
        public var maxScore: Int
        public var meanScore: Double
    }
    public struct RuleRow: Sendable, Encodable {
        public var ruleId: String
        public var benign: Int
        public var fraud: Int
        public var benignShare: Double
        public var fraudShare: Double
    }

    public var queueSize: Int
    public var fraud: Int
    public var fraudInTop5: Int
    public var fraudInTop10: Int
    public var shareInTop5: Double
    public var shareInTop10: Double
    public var worstFraud: Member?
    /// Fraud members outside the top 5 %, worst first.
    public var missed: [Member]
    public var benign: Int
    /// Benign candidates whose group says they carry one weak signal (not plain).
    public var benignWithSignal: Int
    public var benignWithSignalHighOrCritical: Int
    public var benignWithSignalHighShare: Double
    public var benignHighOrCritical: Int
    public var benignGroups: [GroupRow]
    public var rules: [RuleRow]
    /// Answer-key ids the store does not have.
    public var unknownIds: [String]

    /// `rows`: every candidate in the store with score and band; `flags`: (candidate, rule) fired.
    public static func compute(truth: TruthFile, rows: [(id: String, score: Int, band: RiskBand)],
                               flags: [(candidateId: String, ruleId: String)]) -> RankingEval {
        let scores = rows.map(\.score).sorted(by: >)
        let n = rows.count
        func rank(_ s: Int) -> Int {
            // Candidates scoring >= s: first index with a lower score.
            var lo = 0, hi = scores.count
            while lo < hi { let mid = (lo + hi) / 2; if scores[mid] >= s { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        let byId = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var fraudMembers: [Member] = []
        var groups: [String: [Int]] = [:]
        var groupBands: [String: [RiskBand]] = [:]
        var label: [String: TruthFile.Label] = [:]
        var unknown: [String] = []
        var benign = 0, withSignal = 0, withSignalHigh = 0, benignHigh = 0
        for e in truth.entries {
            guard let r = byId[e.candidateId] else { unknown.append(e.candidateId); continue }
            label[e.candidateId] = e.label
            switch e.label {
            case .fraud:
                let k = rank(r.score)
                fraudMembers.append(Member(candidateId: e.candidateId, group: e.group, score: r.score, rank: k,
                                           percentile: n > 0 ? Double(k) / Double(n) : 0))
            case .benign:
                benign += 1
                let high = r.band >= .high
                if high { benignHigh += 1 }
                let g = e.group.isEmpty ? "plain" : e.group
                groups[g, default: []].append(r.score)
                groupBands[g, default: []].append(r.band)
                if !TruthFile.signalFreeGroups.contains(e.group.lowercased()) {
                    withSignal += 1
                    if high { withSignalHigh += 1 }
                }
            }
        }
        let top5 = fraudMembers.filter { Double($0.rank) <= 0.05 * Double(n) }.count
        let top10 = fraudMembers.filter { Double($0.rank) <= 0.10 * Double(n) }.count
        var fired: [String: (benign: Int, fraud: Int)] = [:]
        for f in flags {
            switch label[f.candidateId] {
            case .fraud: fired[f.ruleId, default: (0, 0)].fraud += 1
            case .benign: fired[f.ruleId, default: (0, 0)].benign += 1
            case nil: continue
            }
        }
        let fraudCount = fraudMembers.count
        return RankingEval(
            queueSize: n, fraud: fraudCount, fraudInTop5: top5, fraudInTop10: top10,
            shareInTop5: fraudCount > 0 ? Double(top5) / Double(fraudCount) : 0,
            shareInTop10: fraudCount > 0 ? Double(top10) / Double(fraudCount) : 0,
            worstFraud: fraudMembers.max { $0.rank < $1.rank },
            missed: fraudMembers.filter { Double($0.rank) > 0.05 * Double(n) }.sorted { $0.rank > $1.rank },
            benign: benign, benignWithSignal: withSignal, benignWithSignalHighOrCritical: withSignalHigh,
            benignWithSignalHighShare: withSignal > 0 ? Double(withSignalHigh) / Double(withSignal) : 0,
            benignHighOrCritical: benignHigh,
            benignGroups: groups.keys.sorted().map { g in
                let s = groups[g]!, b = groupBands[g]!
                return GroupRow(group: g, candidates: s.count, highOrCritical: b.filter { $0 >= .high }.count,
                                medium: b.filter { $0 == .medium }.count, maxScore: s.max() ?? 0,
                                meanScore: s.isEmpty ? 0 : Double(s.reduce(0, +)) / Double(s.count))
            },
            rules: fired.keys.sorted().map { r in
                let x = fired[r]!
                return RuleRow(ruleId: r, benign: x.benign, fraud: x.fraud,
                               benignShare: benign > 0 ? Double(x.benign) / Double(benign) : 0,
                               fraudShare: fraudCount > 0 ? Double(x.fraud) / Double(fraudCount) : 0)
            },
            unknownIds: unknown)
    }

    /// The bar from issue 8: every fraud member in the top 5 %, at most 2 % of benign-with-one-signal high+.
    public var meetsBar: Bool { fraud > 0 && fraudInTop5 == fraud && benignWithSignalHighShare <= 0.02 }

    public func table() -> String {
        func pct(_ x: Double) -> String { String(format: "%.1f %%", 100 * x) }
        var s = "queue: \(queueSize) candidates; answer key: \(fraud) fraud, \(benign) benign"
        s += unknownIds.isEmpty ? "\n" : " (\(unknownIds.count) ids not in the store)\n"
        s += "\nfraud ranking\n"
        s += "  in top 5 %:  \(fraudInTop5)/\(fraud) (\(pct(shareInTop5)))\n"
        s += "  in top 10 %: \(fraudInTop10)/\(fraud) (\(pct(shareInTop10)))\n"
        if let w = worstFraud {
            s += "  worst: \(Sanitize.forDisplay(w.candidateId)) \(Sanitize.forDisplay(w.group)) score \(w.score), rank \(w.rank) (\(pct(w.percentile)))\n"
        }
        for m in missed.prefix(10) {
            s += "  missed: \(Sanitize.forDisplay(m.candidateId)) \(Sanitize.forDisplay(m.group)) score \(m.score) rank \(m.rank) (\(pct(m.percentile)))\n"
        }
        s += "\nbenign with one weak signal in high/critical: \(benignWithSignalHighOrCritical)/\(benignWithSignal) (\(pct(benignWithSignalHighShare)))\n"
        s += "all benign in high/critical: \(benignHighOrCritical)/\(benign)\n"
        s += "\n" + "group".padding(toLength: 20, withPad: " ", startingAt: 0) + "     n  high+  medium  max   mean\n"
        for g in benignGroups {
            s += Sanitize.forDisplay(g.group).padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: "%6d %6d %7d %4d %6.1f\n", g.candidates, g.highOrCritical, g.medium, g.maxScore, g.meanScore)
        }
        s += "\n" + "rule".padding(toLength: 28, withPad: " ", startingAt: 0) + "benign  (share)    fraud  (share)\n"
        for r in rules {
            s += r.ruleId.padding(toLength: 28, withPad: " ", startingAt: 0)
                + String(format: "%6d ", r.benign) + pct(r.benignShare).leftPad(9)
                + String(format: " %8d ", r.fraud) + pct(r.fraudShare).leftPad(9) + "\n"
        }
        s += "\nbar (all fraud in top 5 %, <= 2 % of benign-with-signal in high/critical): \(meetsBar ? "met" : "NOT met")\n"
        return s
    }
}

private extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
