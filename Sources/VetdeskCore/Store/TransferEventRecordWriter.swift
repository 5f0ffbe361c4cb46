import GRDB

/// One transfer event as written to transfer_event (see TransferEventSchema for column meanings).
public struct TransferEventRecord: Sendable, Equatable {
    public var source: TransferSource
    public var sourceId: String?
    public var candidateId: String?
    public var actor: String
    public var occurredAt: Int64
    public var occurredMs: Int?
    public var utcOffsetMinutes: Int?
    public var ip: String?
    public var action: TransferAction
    public var vendorAction: String
    public var object: String?
    public var objectKind: String?
    public var bytes: Int64?
    public var linesChanged: Int?
    public var tokenHash: String?
    public var programmaticAccess: String?

    public init(source: TransferSource, sourceId: String? = nil, candidateId: String?, actor: String, occurredAt: Int64,
                occurredMs: Int? = nil, utcOffsetMinutes: Int? = nil, ip: String? = nil, action: TransferAction,
                vendorAction: String, object: String? = nil, objectKind: String? = nil, bytes: Int64? = nil,
                linesChanged: Int? = nil, tokenHash: String? = nil, programmaticAccess: String? = nil) {
        self.source = source; self.sourceId = sourceId; self.candidateId = candidateId; self.actor = actor
        self.occurredAt = occurredAt; self.occurredMs = occurredMs; self.utcOffsetMinutes = utcOffsetMinutes; self.ip = ip
        self.action = action; self.vendorAction = vendorAction; self.object = object; self.objectKind = objectKind
        self.bytes = bytes; self.linesChanged = linesChanged; self.tokenHash = tokenHash; self.programmaticAccess = programmaticAccess
    }

    /// Identity of the event itself when the writer is given no vendor key: FNV-1a over the fields
    /// that make the event, so writing the same event twice adds nothing.
    public var fieldKey: Int64 {
        Self.fnv([source.rawValue, actor, String(occurredAt), occurredMs.map(String.init) ?? "", vendorAction,
                  object ?? "", ip ?? "", sourceId ?? ""].joined(separator: "\u{1F}"))
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    static func fnv(_ text: String) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: h)
    }
}

/// Writes transfer events one by one and keeps transfer_day in step. The importers (actimport) have
/// their own batched writer; this one serves the generator's demo load and the tests.
public enum TransferEventWriter {
    /// Inserts the event unless its key is already stored; returns whether it was new.
    @discardableResult
    public static func insert(_ db: Database, _ e: TransferEventRecord, key: Int64? = nil) throws -> Bool {
        try db.execute(sql: """
            INSERT OR IGNORE INTO transfer_event (source, event_key, source_id, candidate_id, actor, occurred_at, occurred_ms,
                utc_offset_minutes, ip, action, vendor_action, object, object_kind, bytes, lines_changed, token_hash,
                programmatic_access)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [e.source.rawValue, key ?? e.fieldKey, e.sourceId, e.candidateId, e.actor, e.occurredAt, e.occurredMs,
                             e.utcOffsetMinutes, e.ip, e.action.rawValue, e.vendorAction, e.object, e.objectKind, e.bytes,
                             e.linesChanged, e.tokenHash, e.programmaticAccess])
        guard db.changesCount > 0 else { return false }
        if let cid = e.candidateId {
            let day = e.occurredAt >= 0 ? e.occurredAt / 86400 : (e.occurredAt - 86399) / 86400
            try db.execute(sql: """
                INSERT INTO transfer_day (candidate_id, day, action, events, bytes) VALUES (?,?,?,1,?)
                ON CONFLICT(candidate_id, day, action) DO UPDATE SET events = events + 1, bytes = bytes + excluded.bytes
                """, arguments: [cid, day, e.action.rawValue, e.bytes ?? 0])
            try db.execute(sql: "INSERT OR IGNORE INTO dirty_candidate (candidate_id) VALUES (?)", arguments: [cid])
        }
        return true
    }

    /// Writes many events in one transaction; returns how many were new.
    @discardableResult
    public static func insertAll(_ store: Store, _ events: [TransferEventRecord]) throws -> Int {
        try store.pool.write { db in try events.reduce(0) { $0 + (try insert(db, $1) ? 1 : 0) } }
    }

    /// Looks up the transfer IPs ip_info does not know yet (the sign-in importer does the same for
    /// login IPs), so the rules and the panel see their network.
    @discardableResult
    public static func lookUpIPs(_ store: Store, intel: IPIntelligence) throws -> Int {
        try store.pool.write { db in
            let ips = try String.fetchAll(db, sql: """
                SELECT DISTINCT ip FROM transfer_event WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM ip_info)
                """)
            for ip in ips {
                let i = intel.lookup(ip)
                try db.execute(sql: """
                    INSERT OR IGNORE INTO ip_info (ip, country, asn, as_name, anonymous_proxy, provider, provider_kind,
                        provider_dprk_named, looked_up_at) VALUES (?,?,?,?,?,?,?,?,?)
                    """, arguments: [ip, i.country, i.asn, i.asName, i.anonymousProxy, i.provider, i.providerKind,
                                     i.providerDprkNamed, i.lookedUpAt])
            }
            return ips.count
        }
    }
}
