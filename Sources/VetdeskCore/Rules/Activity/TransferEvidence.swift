/// Evidence wording shared by the after-hire transfer rules (issue 10).
enum TransferEvidence {
    /// "140 clones or downloads"
    static func count(_ n: Int) -> String { n == 1 ? "1 clone or download" : "\(n) clones or downloads" }

    /// "2026-04-14: 140 clones/downloads, 96 objects, busiest hour 03:00Z (120)"
    static func peak(_ p: TransferPeak) -> Evidence {
        Evidence(kind: .field, ref: "transfer_day",
                 detail: "\(EvidenceText.day(p.day)): \(TransferEvidence.count(p.events)), "
                    + "\(EvidenceText.plural(p.distinctObjects, "object")), busiest hour \(EvidenceText.time(p.hourStart)) (\(p.hourEvents))")
    }

    /// The first few objects of the peak day.
    static func objects(_ p: TransferPeak) -> [Evidence] {
        p.objects.map { Evidence(kind: .field, ref: "transfer_object", detail: "object: \(Sanitize.forDisplay($0))") }
    }

    /// "45.84.1.7 NL AS9009 M247 (hosting), 140 transfers 2026-04-14 02:10Z .. 04:40Z, never in sign-ins"
    static func ip(_ u: TransferIPUse) -> Evidence {
        let where_ = u.info.map { EvidenceText.ip(u.ip, $0) + kindSuffix($0) } ?? "\(u.ip) (not looked up)"
        let seen = u.seenInSignIns ? "also in sign-ins" : "never in sign-ins"
        return Evidence(kind: .ip, ref: u.ip,
                        detail: "\(where_), \(EvidenceText.plural(u.events, "transfer")) \(EvidenceText.span(u.firstAt, u.lastAt)), \(seen)")
    }

    /// The provider kind when the provider name does not already say it.
    private static func kindSuffix(_ i: IPInfo) -> String {
        guard let k = i.providerKind, !k.isEmpty, i.provider == nil || i.provider?.isEmpty == true else { return "" }
        return " [\(Sanitize.forDisplay(k))]"
    }

    /// Median of the candidate's active days other than `excluding`, within `window` days before it.
    static func ownBaseline(_ days: [TransferDayCount], excluding day: Int64, window: Int64) -> (median: Double, activeDays: Int) {
        let others = days.filter { $0.day != day && $0.day >= day - window && $0.day <= day + window }.map { Double($0.events) }
        return (TransferQueries.median(others), others.count)
    }
}
