import Foundation

/// One after-hire activity event as stored in `transfer_event` (TransferEventSchema), whatever the
/// vendor. `identity` is the text whose hash becomes `event_key`: the vendor's own id where its
/// documentation says it is unique, else the fields that make the event itself (see each mapper).
struct TransferEvent: Sendable {
    var source: TransferSource
    var identity: String
    var sourceId: String?
    var candidateId: String? = nil
    var actor: String
    /// Milliseconds since the epoch, UTC (stored split into seconds and the millisecond part).
    var occurredMs: Int64
    /// Whether the source gave milliseconds (GitHub, M365 API, GitLab); else `occurred_ms` is NULL.
    var hasMilliseconds = true
    var utcOffsetMinutes: Int? = nil
    var ip: String? = nil
    var action: TransferAction
    var vendorAction: String
    var object: String? = nil
    var objectKind: String? = nil
    var objectTitle: String? = nil
    var bytes: Int64? = nil
    var linesChanged: Int64? = nil
    var userAgent: String? = nil
    var tokenHash: String? = nil
    var programmaticAccess: String? = nil
    /// Other vendor fields worth quoting as evidence, as compact JSON.
    var detail: String? = nil
    /// Other spellings of the actor that may name a candidate (an email beside a GitLab display name).
    var actorAliases: [String] = []

    var occurredAt: Int64 { occurredMs >= 0 ? occurredMs / 1000 : (occurredMs - 999) / 1000 }
    var millisecondPart: Int64? { hasMilliseconds ? occurredMs - occurredAt * 1000 : nil }

    /// The 64-bit dedupe key (LoginEventKey's hash over source and identity; collisions probe on).
    var key: Int64 { LoginEventKey.of(source: source.rawValue, sourceId: identity) }
}

/// What one vendor record means for the transfer pipeline (a Drive activity can hold several events).
enum TransferRecord: Sendable {
    case event(TransferEvent)
    case skipped(SkipReason)
}

extension SkipReason {
    /// A record of the shape that is not an action by a person (a GitHub system event without actor...).
    static let noActor: SkipReason = "no_actor"
    /// A Google activity of another application than Drive, an M365 record of another workload.
    static let notATransfer: SkipReason = "not_a_transfer_event"
}

/// Compact JSON of the few vendor fields kept as evidence (absent values left out), keys sorted.
/// Written by hand (JSONText) rather than through JSONSerialization, which builds a dictionary per event.
enum TransferDetail {
    static func json(_ fields: [(String, Any?)]) -> String? {
        var out = ""
        for (k, v) in fields.sorted(by: { $0.0 < $1.0 }) {
            let value: String
            switch v {
            case nil, is NSNull: continue
            case let s as String:
                guard !s.isEmpty else { continue }
                var q = ""
                JSONText.quote(s, into: &q)
                value = q
            case let n as Int: value = String(n)
            case let n as Int64: value = String(n)
            case let b as Bool: value = b ? "true" : "false"
            default:
                var q = ""
                JSONText.quote("\(v!)", into: &q)
                value = q
            }
            out += out.isEmpty ? "{" : ","
            JSONText.quote(k, into: &out)
            out += ":" + value
        }
        return out.isEmpty ? nil : out + "}"
    }
}

extension TransferRecord: SkippableRecord {
    var skipReason: SkipReason? { if case .skipped(let r) = self { r } else { nil } }
}
