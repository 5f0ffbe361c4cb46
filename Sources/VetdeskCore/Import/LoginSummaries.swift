/// The per-candidate login summaries of one import, accumulated in memory from the events
/// that were actually inserted, then added to the summary tables in one pass
/// (LoginSummaryStore.add). Mirrors LoginSummaryStore.rebuild, which derives the same
/// numbers from login_event in SQL.
struct LoginSummaries {
    struct Pair: Hashable { let candidate: String; let value: String }
    struct Day: Hashable { let candidate: String; let day: Int64; let country: String }
    struct Hour: Hashable { let candidate: String; let weekday: Int; let hour: Int }
    struct Span {
        var first: Int64, last: Int64, events: Int
        init(_ t: Int64) { first = t; last = t; events = 1 }
        mutating func add(_ t: Int64) { first = min(first, t); last = max(last, t); events += 1 }
    }
    struct DeviceSpan {
        var span: Span
        /// The managed flag of the latest event that reported one, and that event's time.
        var managed: Bool?
        var managedAt: Int64
    }

    var ipUse: [Pair: Span] = [:]
    var days: [Day: Int] = [:]
    var hours: [Hour: Int] = [:]
    var sessions: [Pair: Span] = [:]
    var devices: [Pair: DeviceSpan] = [:]

    var isEmpty: Bool { ipUse.isEmpty }

    /// `country`: the resolved country of the IP, else the reported one, else "".
    mutating func add(_ e: LoginEvent, candidate: String, country: String) {
        let t = e.occurredAt
        let ipKey = Pair(candidate: candidate, value: e.ip)
        if ipUse[ipKey] == nil { ipUse[ipKey] = Span(t) } else { ipUse[ipKey]!.add(t) }
        days[Day(candidate: candidate, day: Time.dayNumber(t), country: country), default: 0] += 1
        hours[Hour(candidate: candidate, weekday: Time.weekday(t), hour: Time.hour(t)), default: 0] += 1
        if let s = e.sessionId {
            let key = Pair(candidate: candidate, value: s)
            if sessions[key] == nil { sessions[key] = Span(t) } else { sessions[key]!.add(t) }
        }
        if let d = e.deviceId {
            let key = Pair(candidate: candidate, value: d)
            if var existing = devices[key] {
                existing.span.add(t)
                if let m = e.deviceManaged, existing.managed == nil || t >= existing.managedAt {
                    existing.managed = m
                    existing.managedAt = t
                }
                devices[key] = existing
            } else {
                devices[key] = DeviceSpan(span: Span(t), managed: e.deviceManaged, managedAt: t)
            }
        }
    }
}
