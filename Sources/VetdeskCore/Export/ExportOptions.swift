/// What an export may carry beyond the cases themselves: its marking and whether intel formats include
/// personal data. Internal reports (Markdown, JSON, CSV) always carry everything; intel exports (STIX,
/// MISP) carry what partners can act on (IPs, wallets, emails, payment accounts, infrastructure) and no
/// home address, phone or identity-document details unless `includePersonalData` is set.
public struct ExportOptions: Sendable, Equatable {
    public var tlp: TLPLevel
    public var includePersonalData: Bool

    public init(tlp: TLPLevel = .amberStrict, includePersonalData: Bool = false) {
        self.tlp = tlp
        self.includePersonalData = includePersonalData
    }
}

/// Traffic Light Protocol 2.0 (FIRST, https://www.first.org/tlp/). The default for anything holding
/// personal data is AMBER+STRICT: the recipient's organisation only, not its clients.
public enum TLPLevel: String, CaseIterable, Sendable {
    case clear, green, amber, amberStrict = "amber+strict", red

    /// "TLP:AMBER+STRICT", as FIRST writes it.
    public var label: String { "TLP:" + rawValue.uppercased() }

    /// `--tlp` accepts "amber+strict", "TLP:AMBER+STRICT", any case.
    public init?(argument: String) {
        var s = argument.lowercased()
        if s.hasPrefix("tlp:") { s.removeFirst(4) }
        self.init(rawValue: s)
    }

    /// The sharing rule in one line, for report headers.
    public var meaning: String {
        switch self {
        case .clear: "disclosure is not limited"
        case .green: "limited disclosure, recipients' community"
        case .amber: "limited disclosure, recipients' organisation and its clients"
        case .amberStrict: "limited disclosure, recipients' organisation only"
        case .red: "for the named recipients only, no further"
        }
    }

    /// The marking-definition ids OASIS publishes for TLP 2.0 (cti-stix-common-objects,
    /// extension-definition-specifications/tlp-2.0): fixed, never generated.
    public var stixMarkingId: String {
        switch self {
        case .clear: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
        case .green: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
        case .amber: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
        case .amberStrict: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
        case .red: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
        }
    }

    /// The MISP `tlp` taxonomy tag (tlp:clear, tlp:amber+strict…).
    public var mispTag: String { "tlp:" + rawValue }
}
