import GRDB

extension Store {
    /// Re-applies a provider list to every stored `ip_info` row (libloc's answers stay as stored;
    /// the provider is matched on the IP and its stored ASN, as at import) and marks the
    /// candidates who used a changed IP dirty. For a team that adds observed VPN exits to its
    /// providers file after the logs were imported. Returns how many IPs changed provider.
    @discardableResult
    public func rematchProviders(_ providers: ProviderList) throws -> Int {
        try pool.write { db in
            var changed = 0
            for info in try IPInfo.fetchAll(db, sql: "SELECT * FROM ip_info") {
                guard let address = IPAddress(info.ip) else { continue }
                let match = providers.match(address, asn: info.asn)
                let kind = match?.kind.rawValue, dprkNamed = match?.dprkNamed ?? false
                if match?.name == info.provider && kind == info.providerKind && dprkNamed == info.providerDprkNamed {
                    continue
                }
                try db.execute(sql: "UPDATE ip_info SET provider = ?, provider_kind = ?, provider_dprk_named = ? WHERE ip = ?",
                               arguments: [match?.name, kind, dprkNamed, info.ip])
                try db.execute(sql: """
                    INSERT OR IGNORE INTO dirty_candidate(candidate_id)
                    SELECT DISTINCT candidate_id FROM login_ip_use WHERE ip = ?
                    """, arguments: [info.ip])
                changed += 1
            }
            return changed
        }
    }
}
