/// The "After-hire activity" section of the Markdown report: volume, the busiest day with its
/// first objects, the top repositories and files, the transfer IPs and commit offsets.
enum MarkdownTransfers {
    static func section(_ t: TransferActivity?, level h: String) -> String {
        guard let t else { return "" }
        let m = MarkdownText.inline
        var out = "\(h)# After-hire activity\n\n"
        out += "\(t.totalEvents) clone(s) or download(s) on \(t.days.count) day(s)"
        if let first = t.days.first?.day, let last = t.days.last?.day {
            out += ", \(Time.day(first * 86400)) to \(Time.day(last * 86400))"
        }
        out += ".\n\n"
        if let p = t.peak {
            out += "**Busiest day:** \(Time.day(p.day * 86400)), \(p.events) event(s) on \(p.distinctObjects) object(s); "
                + "busiest hour \(Time.short(p.hourStart)) with \(p.hourEvents)."
            if !p.objects.isEmpty { out += " First objects: " + p.objects.map { "`\(MarkdownText.code($0).replacingOccurrences(of: "`", with: "'"))`" }.joined(separator: ", ") + "." }
            out += "\n\n"
        }
        if !t.objects.isEmpty {
            out += "| Object | Kind | Events |\n|---|---|---|\n"
            for o in t.objects { out += "| \(m(o.object)) | \(m(o.kind)) | \(o.events) |\n" }
            out += "\n"
        }
        if !t.ips.isEmpty {
            out += "| Transfer IP | Country | Network | Provider | Events | Seen in sign-ins |\n|---|---|---|---|---|---|\n"
            for u in t.ips {
                let i = u.info
                let provider = [i?.provider, i?.providerKind, i?.anonymousProxy == true ? "anonymous proxy" : nil].compactMap { $0 }
                out += "| \(m(u.ip)) | \(m(i?.country)) | \(i?.asn.map { "AS\($0)" } ?? "—") \(i?.asName.map(m) ?? "") "
                    + "| \(m(provider.joined(separator: ", "))) | \(u.events) | \(u.seenInSignIns ? "yes" : "**no**") |\n"
            }
            out += "\n"
        }
        if !t.commitOffsets.isEmpty {
            out += "**Commit UTC offsets:** " + t.commitOffsets.map { "UTC\(CommitOffsetUse.label($0.offsetMinutes)) \($0.commits)" }
                .joined(separator: ", ") + "\n\n"
        }
        return out
    }
}
