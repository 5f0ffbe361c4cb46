/// Rules write other candidates' names into flag summaries and evidence ("also pays C-000039 Niklas Meyer").
/// An export carries only the selected cases, so names of candidates outside the selection are withheld;
/// their ids stay, so the recipient can ask for them.
enum ExportRedaction {
    static let placeholder = "[name withheld: not in this export]"
    /// Shorter names would match inside ordinary words.
    static let minimumNameLength = 4

    /// Candidate ids referenced by the cases (links, evidence, shared accounts) that are not selected.
    static func outsiders(_ cases: [ExportCase]) -> Set<String> {
        let selected = Set(cases.map(\.candidate.id))
        var ids = Set<String>()
        for c in cases {
            ids.formUnion(c.linkedCandidates.map(\.candidateId))
            ids.formUnion(c.paymentAccounts.flatMap(\.sharedWithCandidates))
            for f in c.flags { ids.formUnion(f.evidence.filter { $0.kind == .candidate }.map(\.ref)) }
        }
        return ids.subtracting(selected)
    }

    static func apply(_ cases: [ExportCase], outsiderNames: [String]) -> [ExportCase] {
        let names = outsiderNames.filter { $0.count >= minimumNameLength }.sorted { $0.count > $1.count }
        guard !names.isEmpty else { return cases }
        func scrub(_ text: String) -> String {
            names.reduce(text) { $0.replacingOccurrences(of: $1, with: placeholder) }
        }
        return cases.map { c in
            var c = c
            c.flags = c.flags.map { f in
                var f = f
                f.summary = scrub(f.summary)
                f.evidence = f.evidence.map { Evidence(kind: $0.kind, ref: $0.ref, detail: scrub($0.detail)) }
                return f
            }
            return c
        }
    }
}

import Foundation
