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

    /// More consumer ranges of the same ISPs, where homes continue once a candidate's index passes the
    /// home slots of the range drawn from `residential` (GenPersonaFactory.homeSite). Before, the index
    /// wrapped around that range, so strangers of one country whose indices differed by a multiple of
    /// its home slots shared a home line: at 100k candidates 24 % of people shared an IP with someone
    /// (68 % of Romanians, on a /19), and the share grew with the population (issue 13: the rescore and
    /// ring figures grew faster than the data). Picked with `location list-networks-by-as` (Debian's
    /// libloc database, as above), largest first, prefixes /18 or larger, up to 16 per country and about
    /// 1M addresses where the ISP has them; each range kept only if 64 addresses spread over it resolve
    /// to the same country and AS, and none overlaps a range above.
    public static let homeOverflow: [String: [GenNetwork]] = {
        let rows: [(String, Int, String, [String])] = [
            ("DE", 3320, "Deutsche Telekom AG", ["84.128.0.0/10"]),
            ("FR", 3215, "Orange S.A.", ["2.2.0.0/16", "2.3.0.0/16", "2.4.0.0/16", "2.5.0.0/16", "2.6.0.0/16", "2.7.0.0/16", "2.8.0.0/16", "2.10.0.0/16", "2.14.0.0/16", "2.15.0.0/16", "62.160.0.0/16", "62.161.0.0/16", "80.11.0.0/16", "80.13.0.0/16", "80.14.0.0/16", "81.48.0.0/16"]),
            ("PL", 5617, "Orange Polska Spolka Akcyjna", ["83.8.0.0/13", "83.16.0.0/13", "83.24.0.0/13"]),
            ("NL", 1136, "KPN B.V.", ["86.80.0.0/12", "84.80.0.0/13"]),
            ("PT", 3243, "MEO - SERVICOS DE COMUNICACOES E MULTIMEDIA S.A.", ["85.240.0.0/13", "2.80.0.0/14", "188.80.0.0/14", "82.154.0.0/15"]),
            ("ES", 3352, "TELEFONICA DE ESPANA S.A.U.", ["2.138.0.0/16", "2.139.0.0/16", "2.140.0.0/16", "2.141.0.0/16", "2.142.0.0/16", "2.143.0.0/16", "5.205.0.0/16", "37.12.0.0/16", "37.13.0.0/16", "37.158.0.0/16", "79.144.0.0/16", "79.145.0.0/16", "79.146.0.0/16", "79.147.0.0/16", "79.148.0.0/16", "79.149.0.0/16"]),
            ("IT", 3269, "Telecom Italia S.p.A.", ["81.112.0.0/13", "80.204.0.0/14", "81.120.0.0/14", "95.224.0.0/14"]),
            ("GB", 2856, "British Telecommunications PLC", ["109.144.0.0/12", "31.48.0.0/13"]),
            ("RO", 8708, "RCS & RDS SA", ["5.12.0.0/14", "79.112.0.0/14", "82.76.0.0/14", "79.118.0.0/15", "188.24.0.0/15", "81.196.0.0/16"]),
            ("UA", 15895, "\"Kyivstar\" PJSC", ["46.118.0.0/15", "37.229.0.0/16", "46.211.0.0/16", "94.153.0.0/16", "134.249.0.0/16", "176.8.0.0/16", "178.137.0.0/16", "188.163.0.0/16", "46.185.0.0/17", "85.223.128.0/17", "89.162.128.0/17", "94.27.0.0/17", "109.162.0.0/17", "62.64.64.0/18", "83.170.192.0/18"]),
            ("RS", 8400, "TELEKOM SRBIJA a.d.", ["93.86.0.0/15", "109.92.0.0/15", "178.220.0.0/15", "178.222.0.0/16", "178.223.0.0/17", "178.223.128.0/18"]),
            ("SE", 3301, "Telia Company AB", ["81.224.0.0/12", "90.224.0.0/12"]),
            ("CZ", 5610, "O2 Czech Republic, a.s.", ["90.180.0.0/14", "85.70.0.0/15", "85.160.0.0/15", "90.178.0.0/15", "109.80.0.0/15", "80.188.0.0/16", "83.208.0.0/16", "90.177.0.0/16", "194.228.0.0/16", "90.176.128.0/17"]),
            ("IE", 5466, "Eircom Limited", ["86.40.0.0/13", "83.70.0.0/15", "95.44.0.0/15", "159.134.0.0/16", "217.183.0.0/16", "213.94.128.0/17", "82.141.192.0/18", "194.125.128.0/18"]),
            ("BE", 5432, "Proximus NV", ["81.240.0.0/14", "81.244.0.0/14", "87.64.0.0/14", "91.176.0.0/14", "91.180.0.0/14"]),
            ("AT", 8447, "A1 Telekom Austria AG", ["80.120.0.0/14", "91.112.0.0/14", "178.188.0.0/14", "188.20.0.0/14", "46.74.0.0/15"]),
            ("GR", 6799, "Ote SA (Hellenic Telecommunications Organisation)", ["94.64.0.0/13", "79.128.0.0/14", "85.72.0.0/14", "80.106.0.0/15"]),
            ("HU", 5483, "Magyar Telekom plc.", ["81.182.0.0/15", "188.156.0.0/15", "31.46.0.0/16", "46.139.0.0/16", "188.6.0.0/16", "188.36.0.0/16", "5.187.128.0/17", "37.76.0.0/17", "79.122.0.0/17", "86.59.128.0/17", "94.27.128.0/17", "134.255.0.0/17", "149.200.0.0/17", "62.201.64.0/18", "91.120.64.0/18", "91.120.128.0/18"]),
            ("BG", 8866, "Vivacom Bulgaria EAD", ["79.100.0.0/16", "87.126.0.0/16", "95.42.0.0/16", "77.85.0.0/17", "95.43.0.0/17", "82.137.64.0/18", "83.228.0.0/18", "85.187.64.0/18", "95.43.128.0/18"]),
            ("HR", 5391, "Hrvatski Telekom d.d.", ["78.0.0.0/16", "78.1.0.0/16", "78.2.0.0/16", "78.3.0.0/16", "83.131.0.0/16", "89.172.0.0/16", "93.136.0.0/16", "93.137.0.0/16", "93.138.0.0/16", "93.139.0.0/16", "93.140.0.0/16", "93.141.0.0/16", "93.142.0.0/16", "93.143.0.0/16", "195.29.0.0/16", "46.188.128.0/17"]),
            ("DK", 3292, "TDC Holding A/S", ["87.48.0.0/12", "2.104.0.0/13"]),
            ("FI", 719, "Elisa Oyj", ["91.152.0.0/13", "85.76.0.0/14", "88.112.0.0/14", "84.230.0.0/15"]),
            ("LT", 8764, "Telia Lietuva, AB", ["88.118.0.0/17", "78.56.0.0/18", "78.56.64.0/18", "78.56.192.0/18", "78.57.192.0/18", "78.58.128.0/18", "78.61.192.0/18", "78.63.192.0/18", "88.118.192.0/18", "88.119.0.0/18", "88.119.64.0/18"]),
            ("SK", 6855, "Slovak Telekom, a.s.", ["78.98.0.0/15", "95.102.0.0/15", "178.40.0.0/15", "91.127.0.0/16", "84.47.0.0/17", "195.91.0.0/17", "213.81.128.0/17"]),
        ]
        var out: [String: [GenNetwork]] = [:]
        for (country, asn, name, cidrs) in rows { out[country] = cidrs.map { GenNetwork($0, country, asn, name, .residential) } }
        return out
    }()

    /// The home line of candidate `index` among the country's overflow ranges, taken as one pool: distinct
    /// per index up to the pool's capacity (then it wraps, far past the sizes the benches generate for
    /// most countries; Lithuania's pool holds 195k addresses, Bulgaria's 325k).
    static func overflowHome(_ country: String, index: Int) -> (GenNetwork, String)? {
        guard let nets = homeOverflow[country], !nets.isEmpty else { return nil }
        var k = index % nets.reduce(0) { $0 + $1.capacity }
        for net in nets {
            if k < net.capacity { return (net, net.address(GenPersonaFactory.slot(k, net))) }
            k -= net.capacity
        }
        return nil
    }

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
            + homeOverflow.keys.sorted().flatMap { homeOverflow[$0]! }
            + privacyVPN.keys.sorted().map { privacyVPN[$0]! }
            + [vpnExitUS, vpnExitJP, vpnExitSG, cloudSG, cloudDE, cloudNL, dprk]
    }
}
