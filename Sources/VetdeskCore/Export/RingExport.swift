/// A ring exported as one unit (docs/rings.md): Markdown opens with the ring drawn as text and its timeline,
/// STIX is one bundle with a ring `grouping`, MISP one event whose members' objects reference the shared
/// identifiers; JSON and CSV hold the members' cases. Rings are refreshed first, so the export is current.
extension Exporter {
    public func render(ring: Ring, format: Format, cases: [ExportCase], history: [HistoryEntry]) throws -> String {
        let now = clock()
        switch format {
        case .markdown: return RingReport.markdown(ring, history: history) + (try render(.markdown, cases))
        case .stix: return STIXBundle(organisation: organisation, options: options).render(ring: ring, cases: cases, exportedAt: now)
        case .misp: return MISPEventBuilder(organisation: organisation, options: options).render(cases, exportedAt: now, ring: ring)
        case .json, .csv: return try render(format, cases)
        }
    }

    /// Writes the ring export to `path` (owner-only) or returns it for standard output; logged either way.
    @discardableResult
    public func exportRing(_ id: String, format: Format, to path: String?) throws -> (text: String, members: [String]) {
        let service = RingService(store: store, clock: clock)
        try service.refresh()
        let ring = try service.ring(id)
        let members = ring.members.map(\.candidateId)
        guard !members.isEmpty else {
            throw VetdeskError.notFound("ring \(Sanitize.forDisplay(id)) has no members any more; nothing exported")
        }
        let cases = try load(.cases(members))
        let cs = CaseService(store: store, clock: clock)
        let history = try members.flatMap { try cs.history($0) }
        let text = try render(ring: ring, format: format, cases: cases, history: history)
        if let path { try OwnerOnlyFile.write(text, to: path) }
        try logExport(format: format, path: path ?? "(standard output)", candidateIds: members)
        return (text, members)
    }
}
