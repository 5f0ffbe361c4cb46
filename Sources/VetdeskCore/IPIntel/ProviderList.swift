import Foundation
import Yams

/// What a network is, for the rules: a VPN, a hosting/VPS network (typical VPN exits and
/// operator boxes), or the team's own corporate egress (which must never count as shared IP).
public enum ProviderKind: String, Codable, Sendable, CaseIterable {
    case vpn, hosting, corporate
}

/// One VPN, hosting network or corporate egress, matched by CIDR range or by ASN.
public struct Provider: Codable, Sendable, Equatable {
    public var name: String
    public var kind: ProviderKind
    /// Named in public reporting on DPRK IT workers (e.g. Astrill VPN).
    public var dprkNamed: Bool
    public var asns: [Int]
    public var cidrs: [String]
    public var note: String?

    public init(name: String, kind: ProviderKind, dprkNamed: Bool = false, asns: [Int] = [], cidrs: [String] = [],
                note: String? = nil) {
        self.name = name; self.kind = kind; self.dprkNamed = dprkNamed; self.asns = asns; self.cidrs = cidrs
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, dprkNamed = "dprk_named", asns, cidrs, note
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(ProviderKind.self, forKey: .kind)
        dprkNamed = try c.decodeIfPresent(Bool.self, forKey: .dprkNamed) ?? false
        asns = try c.decodeIfPresent([Int].self, forKey: .asns) ?? []
        cidrs = try c.decodeIfPresent([String].self, forKey: .cidrs) ?? []
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }
}

/// The VPN/hosting/corporate list: the shipped providers.yaml with the team's
/// $XDG_CONFIG_HOME/vetdesk/providers.yaml merged over it (same name replaces, new names add).
public struct ProviderList: Sendable {
    public private(set) var providers: [Provider]
    private var ranges: [(cidr: CIDR, index: Int)] = []
    private var byASN: [Int: Int] = [:]

    public init(providers: [Provider]) throws {
        self.providers = providers
        for (i, p) in providers.enumerated() {
            for text in p.cidrs {
                guard let cidr = CIDR(text) else {
                    throw VetdeskError.invalidArgument("provider '\(p.name)': '\(text)' is not a CIDR range")
                }
                ranges.append((cidr, i))
            }
            // First listing of an ASN wins, except that a DPRK-named VPN beats a plain hosting entry.
            for asn in p.asns {
                if let existing = byASN[asn], !(p.dprkNamed && !providers[existing].dprkNamed) { continue }
                byASN[asn] = i
            }
        }
    }

    public static let empty = try! ProviderList(providers: [])

    /// Parses the YAML form: `providers: [{name, kind, dprk_named, asns, cidrs, note}]`.
    public static func parse(yaml: String, source: String) throws -> ProviderList {
        struct File: Decodable { var providers: [Provider]? }
        do {
            let file = try YAMLDecoder().decode(File.self, from: yaml)
            return try ProviderList(providers: file.providers ?? [])
        } catch let e as VetdeskError {
            throw VetdeskError.invalidArgument("\(source): \(e.description)")
        } catch {
            throw VetdeskError.invalidArgument("\(source): not a valid provider list: \(error)")
        }
    }

    public static func load(path: String) throws -> ProviderList {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw VetdeskError.io("cannot read provider list \(path)")
        }
        return try parse(yaml: text, source: path)
    }

    /// The list shipped with Vetdesk, built into the binary (a copy of Resources/providers.yaml),
    /// so a moved or installed binary never depends on a SwiftPM resource bundle.
    public static func bundled() throws -> ProviderList {
        try parse(yaml: builtinYAML, source: "(built-in providers.yaml)")
    }

    /// The installed providers.yaml (`share/vetdesk`, so a site can update the list without a
    /// rebuild) or else the built-in one, with the user's file (if present) merged over it.
    public static func standard(paths: StorePaths = .resolve()) throws -> ProviderList {
        let base = try paths.installedFile("providers.yaml").map { try load(path: $0) } ?? bundled()
        guard FileManager.default.fileExists(atPath: paths.providersFile) else { return base }
        return try base.merged(with: load(path: paths.providersFile))
    }

    /// `overrides` wins for providers of the same name (case-insensitive); others are appended.
    public func merged(with overrides: ProviderList) throws -> ProviderList {
        var result = providers
        for p in overrides.providers {
            if let i = result.firstIndex(where: { $0.name.lowercased() == p.name.lowercased() }) {
                result[i] = p
            } else {
                result.append(p)
            }
        }
        return try ProviderList(providers: result)
    }

    /// The provider for an address: the most specific CIDR range wins (corporate on a tie),
    /// then the ASN.
    public func match(_ ip: IPAddress, asn: Int?) -> Provider? {
        var best: (bits: Int, index: Int)? = nil
        for r in ranges where r.cidr.contains(ip) {
            if let b = best {
                let better = r.cidr.bits > b.bits
                    || (r.cidr.bits == b.bits && providers[r.index].kind == .corporate && providers[b.index].kind != .corporate)
                if !better { continue }
            }
            best = (r.cidr.bits, r.index)
        }
        if let b = best { return providers[b.index] }
        if let asn, let i = byASN[asn] { return providers[i] }
        return nil
    }
}
