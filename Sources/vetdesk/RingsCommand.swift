import ArgumentParser
import Foundation
import VetdeskCore

struct RingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rings",
        abstract: "List rings: candidates joined by strong shared identifiers (payment account, device, ship-to, phone, "
            + "email, resume, photo, a residential line of people declaring different homes, referrals between flagged).",
        discussion: "Rings are refreshed first: only the parts touched by what changed since the last refresh (--refresh "
            + "recomputes all). Households, VPN exits, "
            + "carrier NAT and corporate egress do not join rings. See docs/rings.md.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only rings with at least this many members.") var minSize = 2
    @Flag(help: "Print the rings as JSON.") var json = false
    @Flag(help: "Recompute every ring from scratch (otherwise only what changed since the last refresh).")
    var refresh = false

    func run() throws {
        let service = RingService(store: try global.openStore())
        let refresh = try service.refresh(force: self.refresh)
        let rings = try service.rings(minSize: minSize)
        if json {
            try JSONOutput.print(["refresh": AnyEncodable(refresh), "rings": AnyEncodable(rings)])
            return
        }
        if rings.isEmpty { SafeOutput.line("no rings of \(minSize)+ members"); return }
        SafeOutput.line("RING      SIZE  SCORE  STRONGEST SHARED                    STATUS")
        for r in rings {
            let kinds = r.strongestKinds.prefix(3).map { "\($0.kind.rawValue)×\($0.count)" }.joined(separator: " ")
            SafeOutput.line(String(r.id.padding(toLength: 9, withPad: " ", startingAt: 0)) + " "
                  + String(String(r.size).padding(toLength: 5, withPad: " ", startingAt: 0)) + " "
                  + String(String(r.score).padding(toLength: 6, withPad: " ", startingAt: 0)) + " "
                  + kinds.padding(toLength: 35, withPad: " ", startingAt: 0) + " " + r.statusSummary)
        }
        if refresh.recomputed {
            SafeOutput.line("refreshed (\(refresh.mode)): \(refresh.touched) candidate(s) re-read, \(refresh.edges) edge(s), "
                            + String(format: "%.2f s", refresh.seconds))
        }
        if !refresh.skipped.isEmpty {
            SafeOutput.line("not ring ties: " + refresh.skipped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
        }
    }
}

struct RingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ring", abstract: "Show one ring: members, shared identifiers, timeline.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ring id (R-000001).") var id: String
    @Flag(help: "Print the ring as JSON.") var json = false

    func run() throws {
        let store = try global.openStore()
        let service = RingService(store: store)
        try service.refresh()
        let ring = try service.ring(id)
        if json { try JSONOutput.print(ring); return }
        RingText.adjacency(ring).forEach { SafeOutput.line($0) }
        let history = try ring.members.flatMap { try CaseService(store: store).history($0.candidateId) }
        SafeOutput.line("  timeline:")
        RingText.timeline(ring, history: history).forEach { SafeOutput.line($0) }
    }
}

struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}
