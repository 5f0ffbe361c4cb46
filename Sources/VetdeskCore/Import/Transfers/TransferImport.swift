import Foundation
import GRDB

/// What a transfer import adds to its report: events whose actor maps to no candidate (stored with
/// candidate_id NULL, mapped later when the candidate arrives) and events whose vendor action Vetdesk
/// does not know (stored as `other`, vendor name kept).
public struct TransferImportSummary: Sendable, Equatable, Codable {
    public var unmappedEvents = 0
    public var unmappedActors = 0
    public var otherActions = 0
    /// New events per TransferAction raw value.
    public var byAction: [String: Int] = [:]

    enum CodingKeys: String, CodingKey {
        case unmappedEvents = "unmapped_events", unmappedActors = "unmapped_actors", otherActions = "other_actions",
             byAction = "by_action"
    }

    /// "3 events from 2 unmapped actors, 5 of unknown action stored as other" (empty when neither).
    public var note: String {
        var parts: [String] = []
        if unmappedEvents > 0 { parts.append("\(unmappedEvents) events from \(unmappedActors) unmapped actor(s)") }
        if otherActions > 0 { parts.append("\(otherActions) of unknown action stored as other") }
        return parts.joined(separator: ", ")
    }
}

/// The transfer hot path, shaped like LoginImport: each event's actor is mapped to a candidate through
/// an in-memory map, events are inserted in key-sorted batches, the new ones feed the per-day totals
/// (written every `dayRowsInMemory` rows and at the end) and mark their candidate for rescoring.
/// `writer.checkpoint` runs before each row: the import session commits a chunk there (ImportSession).
struct TransferImport {
    let writer: ImportWriter
    /// Resolves each transfer IP once per file into ip_info (as the login import does), so the rules
    /// can tell VPN, VPS and hosting exits; nil for git commits, which carry no IP.
    var intel: IPIntelligence? = nil
    static let batchSize = 32_768
    static let dayRowsInMemory = 100_000

    func run(next: () throws -> TransferRecord?, counts: inout ImportCounts, summary: inout TransferImportSummary) throws {
        let days = TransferDayStore(db: writer.db)
        let actors = try days.actorMap()
        let inserter = try TransferEventInserter(db: writer.db)
        var actorCache: [String: String?] = [:]
        var ipsSeen = Set<String>()
        var unmapped = Set<String>()
        var touched = Set<String>()
        var perDay: [TransferDayStore.Key: (events: Int, bytes: Int64)] = [:]
        var batch: [TransferEvent] = []
        batch.reserveCapacity(Self.batchSize)

        func flush() throws {
            let inserted = try inserter.insert(batch, checkpoint: writer.checkpoint)
            for (i, new) in inserted.enumerated() {
                guard new else { counts.skippedDuplicates += 1; continue }
                let e = batch[i]
                counts.inserted += 1
                summary.byAction[e.action.rawValue, default: 0] += 1
                if e.action == .other { summary.otherActions += 1 }
                guard let c = e.candidateId else {
                    summary.unmappedEvents += 1
                    unmapped.insert(e.actor.lowercased())
                    continue
                }
                touched.insert(c)
                let key = TransferDayStore.Key(candidate: c, day: Time.dayNumber(e.occurredAt), action: e.action.rawValue)
                perDay[key, default: (0, 0)].events += 1
                perDay[key]!.bytes += e.bytes ?? 0
            }
            batch.removeAll(keepingCapacity: true)
            if perDay.count >= Self.dayRowsInMemory {
                try days.add(perDay, checkpoint: writer.checkpoint)
                perDay.removeAll(keepingCapacity: true)
            }
        }

        try PrefetchingReader.run(batchSize: 4096, produce: next) { records in
            for record in records {
                counts.records += 1
                guard case .event(var event) = record else {
                    if case .skipped(let reason) = record { counts.skipped[reason, default: 0] += 1 }
                    continue
                }
                if let hit = actorCache[event.actor] {
                    event.candidateId = hit
                } else {
                    let found = ([event.actor] + event.actorAliases).lazy.compactMap { actors[$0.lowercased()] }.first
                    actorCache[event.actor] = found
                    event.candidateId = found
                }
                if let ip = event.ip, let intel, ipsSeen.insert(ip).inserted {
                    try writer.checkpoint()
                    let info = intel.lookup(ip)
                    try writer.upsert(table: "ip_info", key: ["ip"], row: [
                        ("ip", info.ip), ("country", info.country), ("asn", info.asn), ("as_name", info.asName),
                        ("anonymous_proxy", info.anonymousProxy), ("provider", info.provider),
                        ("provider_kind", info.providerKind), ("provider_dprk_named", info.providerDprkNamed),
                    ], touch: [("looked_up_at", info.lookedUpAt)])
                }
                batch.append(event)
                if batch.count == Self.batchSize { try flush() }
            }
        }
        try flush()
        try days.add(perDay, checkpoint: writer.checkpoint)
        summary.unmappedActors = unmapped.count
        let dirty = touched.sorted()
        for start in stride(from: 0, to: dirty.count, by: 1024) {
            try writer.checkpoint()
            try writer.markDirty(dirty[start..<min(dirty.count, start + 1024)])
        }
    }
}
