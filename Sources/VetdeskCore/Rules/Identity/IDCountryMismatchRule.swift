/// The ID document's issuing country differs from the declared country of residence.
public struct IDCountryMismatchRule: Rule {
    public init() {}
    public let id = "id_country_mismatch"
    public let title = "ID document country differs from declared residence"
    public let severity = Severity.medium
    public let weight = 0.15
    public let source = Sources.cite(Sources.advisory2022, Sources.fbiOct2023)

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard let declared = ctx.candidate.declaredCountry.countryCode else { return nil }
        let differing = ctx.checks.filter { c in
            guard let doc = c.documentCountry.countryCode else { return false }
            return doc != declared
        }
        guard let first = differing.first else { return nil }
        let evidence = [EvidenceText.field("declared_country", declared)] + differing.map {
            Evidence(kind: .identityCheck, ref: $0.id,
                     detail: "\(EvidenceText.time($0.checkedAt)) \($0.documentType ?? "document") issued in \($0.documentCountry.countryCode ?? "")")
        }
        return flag(ctx, s, "ID document from \(first.documentCountry.countryCode ?? "") but declared residence \(declared)", evidence)
    }
}
