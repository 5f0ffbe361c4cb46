/// IPv4 ranges the generator draws login addresses from. Every range was checked against the
/// libloc database shipped by Debian (libloc-database, 2025 build) with `location lookup` on
/// addresses spread over every /24 in it: country and ASN below are what libloc answers, so the
/// importer's enrichment sees what the scenario intends. The generator never calls libloc itself.
public struct GenNetwork: Sendable, Equatable {
    public enum Kind: String, Sendable { case residential, hosting, dprk }

    public let cidr: String
    public let country: String
    public let asn: Int
    public let asName: String
    public let kind: Kind
    /// City a log source would geolocate this range to (hosting exits sit in one data centre).
    public let city: String?

    private let base: UInt32
    private let size: UInt32

    init(_ cidr: String, _ country: String, _ asn: Int, _ asName: String, _ kind: Kind, city: String? = nil) {
        self.cidr = cidr; self.country = country; self.asn = asn; self.asName = asName; self.kind = kind
        self.city = city
        let parts = cidr.split(separator: "/")
        let octets = parts[0].split(separator: ".").map { UInt32($0)! }
        base = octets.reduce(0) { $0 << 8 | $1 }
        let prefix = UInt32(parts[1])!
        precondition(prefix <= 24, "generator ranges are /24 or larger")
        size = UInt32(1) << (32 - prefix)
    }

    /// Number of usable host addresses (network and broadcast of each /24 skipped by `address`).
    public var capacity: Int { Int(size / 256 * 254) }

    /// The n-th usable address, avoiding .0 and .255 of every /24 so no address looks odd in a log.
    public func address(_ n: Int) -> String {
        let slot = UInt32(n % capacity)
        let value = base + (slot / 254) * 256 + slot % 254 + 1
        return "\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)"
    }
}

public enum GenNetworks {
    /// Consumer ISPs by declared country.
    public static let residential: [String: [GenNetwork]] = {
        let rows: [(String, String, Int, String)] = [
            ("62.153.0.0/16", "DE", 3320, "Deutsche Telekom AG"),
            ("79.192.0.0/12", "DE", 3320, "Deutsche Telekom AG"),
            ("2.0.0.0/16", "FR", 3215, "Orange S.A."),
            ("2.1.0.0/16", "FR", 3215, "Orange S.A."),
            ("5.184.0.0/16", "PL", 5617, "Orange Polska Spolka Akcyjna"),
            ("31.149.0.0/16", "NL", 1136, "KPN B.V."),
            ("77.160.0.0/12", "NL", 1136, "KPN B.V."),
            ("37.189.0.0/16", "PT", 3243, "MEO - SERVICOS DE COMUNICACOES E MULTIMEDIA S.A."),
            ("81.193.0.0/16", "PT", 3243, "MEO - SERVICOS DE COMUNICACOES E MULTIMEDIA S.A."),
            ("2.136.0.0/16", "ES", 3352, "TELEFONICA DE ESPANA S.A.U."),
            ("2.137.0.0/16", "ES", 3352, "TELEFONICA DE ESPANA S.A.U."),
            ("31.194.0.0/16", "IT", 3269, "Telecom Italia S.p.A."),
            ("31.195.0.0/16", "IT", 3269, "Telecom Italia S.p.A."),
            ("5.81.0.0/16", "GB", 2856, "British Telecommunications PLC"),
            ("86.128.0.0/12", "GB", 2856, "British Telecommunications PLC"),
            ("2.20.96.0/19", "RO", 8708, "RCS & RDS SA"),
            ("5.248.0.0/16", "UA", 15895, "\"Kyivstar\" PJSC"),
            ("37.115.0.0/16", "UA", 15895, "\"Kyivstar\" PJSC"),
            ("77.46.128.0/17", "RS", 8400, "TELEKOM SRBIJA a.d."),
            ("62.20.0.0/16", "SE", 3301, "Telia Company AB"),
            ("78.64.0.0/13", "SE", 3301, "Telia Company AB"),
            ("37.188.128.0/17", "CZ", 5610, "O2 Czech Republic, a.s."),
            ("88.100.0.0/14", "CZ", 5610, "O2 Czech Republic, a.s."),
            ("51.171.0.0/16", "IE", 5466, "Eircom Limited"),
            ("37.62.0.0/16", "BE", 5432, "Proximus NV"),
            ("80.75.32.0/20", "AT", 8447, "A1 Telekom Austria AG"),
            ("2.84.0.0/16", "GR", 6799, "Ote SA (Hellenic Telecommunications Organisation)"),
            ("5.38.128.0/17", "HU", 5483, "Magyar Telekom plc."),
            ("46.10.0.0/17", "BG", 8866, "Vivacom Bulgaria EAD"),
            ("31.217.0.0/17", "HR", 5391, "Hrvatski Telekom d.d."),
            ("5.44.136.0/21", "DK", 3292, "TDC Holding A/S"),
            ("31.7.16.0/20", "FI", 719, "Elisa Oyj"),
            ("62.212.192.0/21", "LT", 8764, "Telia Lietuva, AB"),
            ("87.197.0.0/16", "SK", 6855, "Slovak Telekom, a.s."),
        ]
        return Dictionary(grouping: rows.map { GenNetwork($0.0, $0.1, $0.2, $0.3, .residential) }, by: \.country)
    }()

    /// Commercial VPN exits in the user's own country, as a privacy-minded benign user has them.
    public static let privacyVPN: [String: GenNetwork] = [
        "SE": GenNetwork("45.83.220.0/24", "SE", 39351, "31173 Services AB", .hosting, city: "Stockholm"),
        "DE": GenNetwork("185.213.155.0/24", "DE", 39351, "31173 Services AB", .hosting, city: "Frankfurt am Main"),
        "NL": GenNetwork("37.97.122.0/23", "NL", 9009, "M247 Europe SRL", .hosting, city: "Amsterdam"),
        "GB": GenNetwork("84.17.32.0/23", "GB", 60068, "Datacamp Limited", .hosting, city: "London"),
        "FR": GenNetwork("31.204.32.0/20", "FR", 9009, "M247 Europe SRL", .hosting, city: "Paris"),
        "ES": GenNetwork("37.19.214.0/23", "ES", 60068, "Datacamp Limited", .hosting, city: "Madrid"),
        "IT": GenNetwork("84.17.58.0/24", "IT", 60068, "Datacamp Limited", .hosting, city: "Milan"),
        "PL": GenNetwork("37.120.156.0/24", "PL", 9009, "M247 Europe SRL", .hosting, city: "Warsaw"),
    ]

    /// Hosting exits of the kind VPN services named in DPRK IT-worker reporting (Astrill first) rent.
    public static let vpnExitUS = GenNetwork("5.157.132.0/22", "US", 9009, "M247 Europe SRL", .hosting, city: "Los Angeles")
    public static let vpnExitJP = GenNetwork("89.187.160.0/23", "JP", 60068, "Datacamp Limited", .hosting, city: "Tokyo")
    public static let vpnExitSG = GenNetwork("84.17.38.0/23", "SG", 60068, "Datacamp Limited", .hosting, city: "Singapore")
    /// Plain cloud servers (a relay box rented by an operator).
    public static let cloudSG = GenNetwork("139.59.96.0/20", "SG", 14061, "DIGITALOCEAN-ASN", .hosting, city: "Singapore")
    public static let cloudDE = GenNetwork("5.9.0.0/16", "DE", 24940, "Hetzner Online GmbH", .hosting, city: "Falkenstein")
    public static let cloudNL = GenNetwork("5.101.96.0/21", "NL", 14061, "DIGITALOCEAN-ASN", .hosting, city: "Amsterdam")
    /// North Korean address space (Star Joint Venture).
    public static let dprk = GenNetwork("175.45.176.0/22", "KP", 131279, "Star Joint Venture Co. Ltd.", .dprk, city: "Pyongyang")

    /// Every range, for the verification test and the README.
    public static var all: [GenNetwork] {
        residential.keys.sorted().flatMap { residential[$0]! }
            + privacyVPN.keys.sorted().map { privacyVPN[$0]! }
            + [vpnExitUS, vpnExitJP, vpnExitSG, cloudSG, cloudDE, cloudNL, dprk]
    }
}
