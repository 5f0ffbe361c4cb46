import Foundation

/// An IPv4 or IPv6 address as 128 bits (IPv4 mapped into ::ffff:0:0/96), so that one
/// prefix comparison serves both families.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64
    public let isV4: Bool
    public let description: String

    /// Parses dotted IPv4 or RFC 4291 IPv6 text (with an optional zone "%eth0", ignored); nil otherwise.
    public init?(_ text: String) {
        var t = text.trimmingCharacters(in: .whitespaces)
        if let pct = t.firstIndex(of: "%") { t = String(t[..<pct]) }
        if t.hasPrefix("[") && t.hasSuffix("]") { t = String(t.dropFirst().dropLast()) }
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, t, &v4) == 1 {
            let value = UInt32(bigEndian: v4.s_addr)
            high = 0
            low = 0x0000_FFFF_0000_0000 | UInt64(value)
            isV4 = true
        } else if inet_pton(AF_INET6, t, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
            low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
            isV4 = high == 0 && low >> 32 == 0xFFFF
        } else {
            return nil
        }
        description = t
    }

    /// True when the first `bits` bits of both addresses are equal.
    func sharesPrefix(with other: IPAddress, bits: Int) -> Bool {
        if bits <= 0 { return true }
        if bits >= 128 { return high == other.high && low == other.low }
        if bits <= 64 {
            let mask: UInt64 = bits == 64 ? ~0 : ~(~0 >> UInt64(bits))
            return high & mask == other.high & mask
        }
        let mask: UInt64 = ~(~0 >> UInt64(bits - 64))
        return high == other.high && low & mask == other.low & mask
    }
}

/// A network in CIDR notation ("45.84.0.0/22", "2a01:4f8::/32").
public struct CIDR: Hashable, Sendable, CustomStringConvertible {
    public let base: IPAddress
    /// Prefix length on the 128-bit scale (an IPv4 /24 is 120).
    public let bits: Int
    public let description: String

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let base = IPAddress(String(parts[0])) else { return nil }
        let maxBits = base.isV4 ? 32 : 128
        var prefix = maxBits
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...maxBits).contains(p) else { return nil }
            prefix = p
        }
        self.base = base
        self.bits = base.isV4 ? prefix + 96 : prefix
        self.description = "\(base)/\(prefix)"
    }

    public func contains(_ ip: IPAddress) -> Bool { ip.sharesPrefix(with: base, bits: bits) }
}
