import CLibloc
import Foundation

/// A read-only libloc (IPFire location) database: country, ASN, AS name and the
/// anonymous-proxy flag for an address. Not thread-safe: IPIntelligence serialises calls.
final class LocationDatabase {
    static let defaultPath = "/usr/share/libloc-location/location.db"

    private let ctx: OpaquePointer
    private let db: OpaquePointer

    init(path: String) throws {
        var ctx: OpaquePointer? = nil
        guard loc_new(&ctx) == 0, let ctx else { throw VetdeskError.io("libloc: cannot create a context") }
        guard let file = fopen(path, "r") else {
            loc_unref(ctx)
            throw VetdeskError.io("libloc: cannot open location database \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) } // libloc maps the file; the FILE* is not needed afterwards
        var db: OpaquePointer? = nil
        guard loc_database_new(ctx, &db, file) == 0, let db else {
            loc_unref(ctx)
            throw VetdeskError.io("libloc: \(path) is not a location database")
        }
        self.ctx = ctx
        self.db = db
    }

    deinit {
        loc_database_unref(db)
        loc_unref(ctx)
    }

    struct Answer {
        var country: String?
        var asn: Int?
        var asName: String?
        var anonymousProxy: Bool
    }

    func lookup(_ ip: String) -> Answer? {
        var network: OpaquePointer? = nil
        guard loc_database_lookup_from_string(db, ip, &network) == 0, let network else { return nil }
        defer { loc_network_unref(network) }
        var answer = Answer(anonymousProxy: loc_network_has_flag(network, LOC_NETWORK_FLAG_ANONYMOUS_PROXY.rawValue) != 0)
        if let cc = loc_network_get_country_code(network) {
            let code = String(cString: cc)
            answer.country = code.isEmpty ? nil : code
        }
        let asn = loc_network_get_asn(network)
        if asn != 0 {
            answer.asn = Int(asn)
            var asRecord: OpaquePointer? = nil
            if loc_database_get_as(db, &asRecord, asn) == 0, let asRecord {
                if let name = loc_as_get_name(asRecord) { answer.asName = String(cString: name) }
                loc_as_unref(asRecord)
            }
        }
        return answer
    }
}
