import VetdeskCore

/// Payment accounts (holder name against the declared name, type, country, IBAN validity, other
/// candidates paid into the same account), then the payment history, newest first.
public enum PaymentsPanel: DetailPanel {
    public static let id = "payments"
    public static let title = "Payments"
    /// Same default as the third-party payee rule: below this the holder is someone else.
    static let nameSimilarity = 0.6

    public static func lines(for detail: CandidateDetail, width: Int, ascii: Bool) -> [PanelLine] {
        var out: [PanelLine] = []
        out.append(PanelText.header("Accounts (\(detail.accounts.count))", width: width, ascii: ascii))
        if detail.accounts.isEmpty { out.append(PanelLine("  No payment account on record.", .dim)) }
        let names = Dictionary(detail.links.map { ($0.otherId, $0) }, uniquingKeysWith: { a, _ in a })
        for use in detail.accounts {
            out += accountLines(use, declared: detail.candidate.fullName, names: names, width: width, ascii: ascii)
        }
        out.append(PanelText.blank())
        let more = detail.paymentsTotal > detail.payments.count ? " — latest \(detail.payments.count) shown" : ""
        out.append(PanelText.header("Payments (\(detail.paymentsTotal))\(more)", width: width, ascii: ascii))
        if detail.payments.isEmpty { out.append(PanelLine("  No payment on record.", .dim)) }
        let accounts = Dictionary(detail.accounts.compactMap { u in u.account.id.map { ($0, u.account) } },
                                  uniquingKeysWith: { a, _ in a })
        for p in detail.payments {
            out.append(paymentLine(p, account: accounts[p.accountId], width: width, ascii: ascii))
        }
        return PanelText.limit(out, width: width, ascii: ascii)
    }

    static func holderMatches(_ holder: String, declared: String) -> Bool {
        NameMatch.similarity(PanelText.clean(holder), PanelText.clean(declared)) >= nameSimilarity
    }

    static func accountLines(_ use: PaymentAccountUse, declared: String, names: [String: CandidateLink],
                             width: Int, ascii: Bool) -> [PanelLine] {
        let a = use.account
        var out: [PanelLine] = [PanelText.blank()]
        let ident = a.iban.map(groupedIBAN) ?? a.identifier
        var head = [Span(ascii ? "* " : "▪ ", .dim), Span(PanelText.clip(a.accountType, 12, ascii: ascii), .title, [.bold]), Span(" ")]
        let validity: Span? = a.iban == nil ? nil
            : a.ibanValid == true ? Marks.ok("IBAN valid", ascii: ascii)
            : a.ibanValid == false ? Marks.mismatch("IBAN INVALID", ascii: ascii) : Marks.warn("IBAN unchecked", ascii: ascii)
        let used = head.reduce(0) { $0 + DisplayWidth.of($1.text) } + (validity.map { DisplayWidth.of($0.text) + 2 } ?? 0)
        head.append(Span(PanelText.clip(ident, max(1, width - used), ascii: ascii)))
        if let validity { head.append(Span("  ")); head.append(validity) }
        out.append(PanelLine(head))

        let inner = width - 2
        func indent(_ lines: [PanelLine]) -> [PanelLine] { lines.map { PanelLine([Span("  ")] + $0.spans, link: $0.link) } }
        if let holder = a.holderName, !holder.isEmpty {
            let mark = holderMatches(holder, declared: declared)
                ? Marks.ok("matches declared name", ascii: ascii)
                : Marks.mismatch("declared: " + PanelText.clip(declared, 30, ascii: ascii), ascii: ascii)
            out += indent(PanelText.field("Holder", holder, width: inner, mark: mark, maxLines: 2, ascii: ascii))
        } else {
            out += indent(PanelText.field("Holder", nil, width: inner, mark: Marks.warn("no holder name", ascii: ascii), ascii: ascii))
        }
        let bank = [a.bankName, a.bic.map { "BIC \($0)" }, a.bankCountry.map { "country \($0)" }].compactMap { $0 }
        if !bank.isEmpty { out += indent(PanelText.field("Bank", bank.joined(separator: ", "), width: inner, maxLines: 2, ascii: ascii)) }
        out += indent(PanelText.field("Paid", "\(use.payments)× \(PanelText.day(use.firstPaidAt)) … \(PanelText.day(use.lastPaidAt))",
                                      width: inner, ascii: ascii))
        if !use.sharedWith.isEmpty {
            out += indent([PanelLine([Span(fit("Account", 14, ascii: ascii), .dim),
                                      Marks.alert("SHARED with \(use.sharedWith.count) other candidate\(use.sharedWith.count == 1 ? "" : "s")", ascii: ascii)])])
            for other in use.sharedWith {
                out.append(LinksPanel.linkLine(id: other, name: names[other]?.otherName, status: names[other]?.otherStatus,
                                               risk: names[other]?.otherRisk, via: nil, indent: 4, width: width, ascii: ascii))
            }
        }
        return out
    }

    static func paymentLine(_ p: Payment, account: PaymentAccount?, width: Int, ascii: Bool) -> PanelLine {
        let amount = PanelText.clip(p.amount, 12, ascii: ascii)
        let left = "  " + PanelText.day(p.paidAt) + "  " + String(repeating: " ", count: max(0, 12 - DisplayWidth.of(amount))) + amount
            + " " + fit(PanelText.clean(p.currency), 4, ascii: ascii)
        let method = fit(PanelText.clean(p.method ?? ""), 9, ascii: ascii)
        let acct = account.map { ($0.iban ?? $0.identifier) } ?? "account #\(p.accountId)"
        let rest = max(0, width - DisplayWidth.of(left) - 1 - DisplayWidth.of(method))
        let target = [acct, p.payeeName.map { "payee " + $0 }].compactMap { $0 }.joined(separator: " · ")
        return PanelLine([Span(left), Span(" "), Span(method, .dim), Span(PanelText.clip(target, rest, ascii: ascii))])
    }

    /// "DE89 3704 0044 0532 0130 00": how IBANs are printed, easier to compare by eye.
    static func groupedIBAN(_ iban: String) -> String {
        var out = ""
        for (i, ch) in iban.enumerated() {
            if i > 0 && i % 4 == 0 { out.append(" ") }
            out.append(ch)
        }
        return out
    }
}
