import Foundation

/// One row per case, RFC 4180 quoting, every cell spreadsheet-safe.
enum CaseCSV {
    static let header = [
        "candidate_id", "full_name", "email", "phone", "declared_country", "platform", "role", "status", "assignee",
        "referred_to", "risk_score", "risk_band", "top_flags", "flag_count", "flags", "payment_accounts",
        "payments", "login_countries", "anonymising_networks", "linked_candidates", "last_action", "last_action_at",
        "last_analyst", "last_note", "opened_at", "updated_at",
    ]

    static func render(_ cases: [ExportCase]) -> String {
        var out = row(header)
        for c in cases { out += row(cells(c)) }
        return out
    }

    static func cells(_ c: ExportCase) -> [String] {
        let f = c.caseFile
        let last = c.history.last
        let countries = c.logins.countries.map { "\($0.country.isEmpty ? "??" : $0.country):\($0.events)" }
        let anonymising = c.logins.networks.filter(\.isAnonymising)
            .map { n in [n.ip, n.provider ?? n.asName].compactMap { $0 }.joined(separator: " ") }
        let linked = Array(Set(c.linkedCandidates.map(\.candidateId))).sorted()
        return [
            c.candidate.id, c.candidate.fullName, c.candidate.email ?? "", c.candidate.phone ?? "",
            c.candidate.declaredCountry ?? "", c.candidate.platform ?? "", c.candidate.role ?? "", c.status.rawValue,
            f?.assignee ?? "", f?.referredTo ?? "", String(f?.riskScore ?? 0), (f?.riskBand ?? .none).rawValue,
            f?.topFlags ?? "", String(c.flags.count),
            c.flags.map { "\($0.ruleId) (\($0.severity.rawValue)): \($0.summary)" }.joined(separator: "; "),
            c.paymentAccounts.map { "\($0.account.accountType) \($0.account.identifier)" }.joined(separator: "; "),
            String(c.paymentsTotal), countries.joined(separator: " "), anonymising.joined(separator: "; "),
            linked.joined(separator: " "), last?.action ?? "", last.map { Time.iso($0.at) } ?? "",
            last?.analyst ?? "", last?.note ?? "", f.map { Time.iso($0.openedAt) } ?? "",
            f.map { Time.iso($0.updatedAt) } ?? "",
        ]
    }

    static func row(_ cells: [String]) -> String {
        cells.map { quote(neutralise($0)) }.joined(separator: ",") + "\r\n"
    }

    /// Terminal controls go first (`cat export.csv` must not replay escape sequences): whole ESC/CSI/OSC
    /// sequences are dropped, other C0/C1 controls and DEL become U+FFFD, bidi overrides are removed,
    /// tabs and CRs become spaces; line breaks inside a cell stay (quoted). Then a cell a spreadsheet could
    /// read as a formula (= + - @, or a leading tab or CR) is prefixed with a single quote, which
    /// spreadsheets show as text (OWASP CSV injection guidance).
    static func neutralise(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        let safe = Sanitize.forDisplay(cell.replacingOccurrences(of: "\r\n", with: "\n"), keepNewlines: true)
        let formula: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
        if formula.contains(first) { return "'" + safe }
        if let shown = safe.unicodeScalars.first, formula.contains(shown) { return "'" + safe }
        return safe
    }

    /// Every cell quoted, inner quotes doubled: commas, quotes and line breaks stay inside their cell.
    static func quote(_ cell: String) -> String {
        "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
