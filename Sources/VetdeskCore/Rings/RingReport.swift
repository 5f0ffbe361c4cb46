/// The ring section of a Markdown ring report: the ring drawn as text and its timeline, before each
/// member's case report.
public enum RingReport {
    public static func markdown(_ ring: Ring, history: [HistoryEntry]) -> String {
        var out = "# Ring \(ring.id): \(ring.size) members, score \(ring.score)\n\n"
        out += "Members are joined by the strong shared identifiers below; households, VPN exits, carrier NAT and "
            + "corporate egress do not join rings (docs/rings.md).\n\n## Graph\n\n```\n"
        out += RingText.adjacency(ring).joined(separator: "\n") + "\n```\n\n## Timeline\n\n```\n"
        out += RingText.timeline(ring, history: history).joined(separator: "\n") + "\n```\n\n"
        return out
    }
}
