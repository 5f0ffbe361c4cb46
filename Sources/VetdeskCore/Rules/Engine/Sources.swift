/// Short citations of the public reporting in INDICATORS.md "Public sources".
enum Sources {
    static let advisory2022 = "US State/Treasury/FBI advisory on DPRK IT workers (16 May 2022)"
    static let fbiOct2023 = "FBI PSA (Oct 2023)"
    static let fbiMay2024 = "FBI PSA I-051624 (May 2024)"
    static let fbiJan2025 = "FBI PSA I-012325 (Jan 2025)"
    static let gtig2025 = "Google Threat Intelligence Group, DPRK IT workers expanding in scope and scale (Apr 2025)"
    static let microsoft2025 = "Microsoft Threat Intelligence, Jasper Sleet (Jun 2025)"
    static let mandiant2024 = "Mandiant on UNC5267 (2024)"
    static let bfv2024 = "BfV advisory (Oct 2024)"
    static let ofsi2024 = "UK OFSI advisory (Sep 2024)"
    static let npa2024 = "Japan NPA advisory (Mar 2024)"
    static let secureworks = "Secureworks on Nickel Tapestry"
    static let unit42 = "Unit 42 (Nov 2024)"
    static let knowbe4 = "KnowBe4 incident write-up (Jul 2024)"
    static let seal = "Security Alliance (SEAL) insider-threat framework"

    static func cite(_ parts: String...) -> String { parts.joined(separator: "; ") }
}
