import Foundation

/// IP addresses as stored: one spelling per address, so that the same client is one IP in the
/// summaries, the rules and the shared-IP index whichever log wrote it.
/// - IPv4: dotted decimal ("81.2.69.142").
/// - IPv6: RFC 5952 text, lower case and compressed ("2001:DB8:0:0::1" -> "2001:db8::1").
/// - IPv4-mapped IPv6 ("::ffff:81.2.69.142", written by dual-stack front ends) is the IPv4 client:
///   stored as "81.2.69.142".
/// - Decorations some exports add are dropped: brackets, a zone ("%eth0"), a port ("1.2.3.4:443",
///   "[2001:db8::1]:443").
enum CanonicalIP {
    static func text(_ raw: String) -> String? {
        var t = raw.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("["), let close = t.firstIndex(of: "]") {
            t = String(t[t.index(after: t.startIndex)..<close])         // "[v6]" or "[v6]:port"
        } else if t.filter({ $0 == ":" }).count == 1, let colon = t.firstIndex(of: ":"), t.contains(".") {
            t = String(t[..<colon])                                       // "v4:port"
        }
        if let pct = t.firstIndex(of: "%") { t = String(t[..<pct]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, t, &v4) == 1 { return format(AF_INET, &v4, length: INET_ADDRSTRLEN) }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, t, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return bytes[12..<16].map(String.init).joined(separator: ".")
        }
        return format(AF_INET6, &v6, length: INET6_ADDRSTRLEN)
    }

    private static func format<T>(_ family: Int32, _ addr: inout T, length: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(length))
        guard inet_ntop(family, &addr, &buffer, socklen_t(length)) != nil else { return nil }
        return String(cString: buffer)
    }
}
