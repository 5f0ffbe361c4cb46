import Crypto
import Foundation

/// Name-based UUIDs. STIX 2.1 §2.9 requires SCO ids to be UUIDv5 over the canonical JSON of their
/// id-contributing properties in the STIX namespace, so the same IP gets the same id in every export.
enum NameUUID {
    static let stixNamespace = UUID(uuidString: "00abedb4-aa42-466c-9c01-fed23315a9b7")!
    /// Vetdesk's own namespace for MISP uuids (a fixed random UUID).
    static let vetdeskNamespace = UUID(uuidString: "6f2d4c8e-2b1a-4e57-9a63-0d5c7e91b3a4")!

    /// RFC 9562 UUIDv5: SHA-1 of namespace bytes + name bytes, version and variant bits set.
    static func v5(namespace: UUID, name: String) -> UUID {
        var data = withUnsafeBytes(of: namespace.uuid) { Data($0) }
        data.append(contentsOf: Array(name.utf8))
        var bytes = Array(Insecure.SHA1.hash(data: data).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return uuid(from: bytes)
    }

    /// A UUID with version-4 layout whose 122 free bits come from SHA-256 of `name` instead of a random
    /// source. The STIX validator wants v4 ids for SDOs/SROs; deriving them from the case and the object's
    /// role keeps re-exports of a case stable, so a receiving platform updates objects instead of duplicating.
    static func v4Derived(_ name: String) -> UUID {
        var bytes = Array(SHA256.hash(data: Data(("vetdesk-sdo|" + name).utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return uuid(from: bytes)
    }

    private static func uuid(from b: [UInt8]) -> UUID {
        UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}

extension UUID {
    /// Lower-case, as STIX and MISP write ids.
    var lowercased: String { uuidString.lowercased() }
}
