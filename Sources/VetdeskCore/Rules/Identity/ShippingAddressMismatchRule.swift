/// Laptop ship-to address in another country than declared, a parcel forwarder, or changed soon after hire.
/// A forwarder is a ship-to on the team's watchlist of kind `address` (compared by `AddressKey`);
/// the `ship_to_is_forwarder` column stays as an optional override for teams that label it.
public struct ShippingAddressMismatchRule: Rule {
    public init() {}
    public let id = "shipping_address_mismatch"
    public let title = "Laptop ship-to address does not fit the declared address"
    public let severity = Severity.high
    public let weight = 0.3
    public let source = Sources.cite(Sources.advisory2022, Sources.fbiMay2024, Sources.knowbe4)
    public let thresholds: [String: Double] = ["changed_within_days": 30]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        let c = ctx.candidate
        var reasons: [String] = []
        var evidence: [Evidence] = []
        if let hit = ctx.forwarderHits.first {
            reasons.append("ship-to is a known forwarder (watchlist \(Sanitize.forDisplay(hit.listName)))")
            evidence += ctx.forwarderHits.map {
                Evidence(kind: .watchlist, ref: String($0.id ?? 0), detail: Sanitize.forDisplay("\($0.listName): \($0.value)" + ($0.note.map { " (\($0))" } ?? "")))
            }
        } else if c.shipToIsForwarder {
            reasons.append("ship-to is a parcel forwarder")
        }
        if let shipCountry = c.shipToCountry.countryCode, let declared = c.declaredCountry.countryCode, shipCountry != declared {
            reasons.append("ships to \(shipCountry), declared \(declared)")
        }
        if let changed = c.shipToChangedAt, let hired = c.hiredAt, changed >= hired,
           changed - hired <= Int64(s["changed_within_days"] * 86400) {
            reasons.append("ship-to changed \((changed - hired) / 86400) days after hire (\(EvidenceText.date(changed)))")
            evidence.append(Evidence(kind: .field, ref: "ship_to_changed_at", detail: "ship-to changed \(EvidenceText.time(changed)), hired \(EvidenceText.date(hired))"))
        }
        guard !reasons.isEmpty else { return nil }
        evidence.insert(contentsOf: [EvidenceText.field("ship_to_address", c.shipToAddress), EvidenceText.field("ship_to_country", c.shipToCountry),
                                     EvidenceText.field("address", c.address), EvidenceText.field("declared_country", c.declaredCountry)], at: 0)
        return flag(ctx, s, "Laptop shipping: " + reasons.joined(separator: "; "), evidence)
    }
}
