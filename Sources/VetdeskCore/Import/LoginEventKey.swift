/// login_event's natural key (source, source_id) folded into one 64-bit integer, which is what
/// the store's unique dedupe index holds (migration v3-login-event-key).
///
/// Why: a UNIQUE(source, source_id) index on ~45-byte TEXT keys was the importer's single biggest
/// cost (random inserts, memcmp on every comparison, an index larger than the page cache). Measured
/// with the sqlite3 shell on the 2-core dev machine, 1M login rows: the TEXT index added 3.4 s CPU to
/// a 2.6 s plain insert, an INTEGER unique index 1.7 s, and the same INTEGER index fed in batches
/// sorted by key 0.4 s.
///
/// The hash is not trusted alone: a key already taken by a *different* event moves the new event to
/// the next free key (linear probing, see LoginEventInserter), so a collision never drops an event.
/// Login events are never deleted, so probe chains never break.
enum LoginEventKey {
    /// FNV-1a over source, a 0x1F separator and source_id, then a splitmix64 finaliser so that
    /// similar ids spread over the whole key space. Stable across processes and releases.
    static func of(source: String, sourceId: String) -> Int64 { of(source: source.utf8, sourceId: sourceId.utf8) }

    /// The same over UTF-8 bytes (the sign-in import hashes straight from its CSV buffer).
    static func of<A: Sequence<UInt8>, B: Sequence<UInt8>>(source: A, sourceId: B) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ byte: UInt8) {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01b3
        }
        for b in source { mix(b) }
        mix(0x1F)
        for b in sourceId { mix(b) }
        var z = h
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Int64(bitPattern: z)
    }

    /// The key probed after `key` when `key` holds another event.
    static func next(after key: Int64) -> Int64 { key &+ 1 }
}
