import ArgumentParser
import Foundation
import VetdeskCore

/// `make bench` helper: one analyst deciding and noting in a loop (take, note, release, note on
/// random cases) until a stop file appears, timing each decision in-process, for the
/// import-beside-analysts table (docs/imports-and-locking.md). Hidden from help.
struct BenchAnalystCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-analyst", abstract: "Decide and note in a loop, timing each (for make bench).",
        shouldDisplay: false)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Analyst name.") var analyst = "bench"
    @Option(name: .customLong("stop-file"), help: "Stop once this file exists.") var stopFile: String
    @Option(name: .customLong("pause-ms"), help: "Pause between actions (ms).") var pauseMs = 20
    @Option(help: "Seed for picking cases.") var seed: UInt64 = 1

    func run() throws {
        let store = try global.openStore()
        let service = CaseService(store: store)
        var query = QueueQuery(limit: 5000)
        query.statuses = [.new]
        let ids = try store.queue(query).map(\.candidateId)
        guard !ids.isEmpty else { throw ValidationError("the store has no new cases") }
        var rng = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> Int {
            rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
            return Int(rng % UInt64(ids.count))
        }
        var latencies: [Double] = []
        var lockErrors = 0, refused = 0, errors = 0
        var firstError = ""
        var step = 0
        var held: String?
        while !FileManager.default.fileExists(atPath: stopFile) {
            let id = held ?? ids[next()]
            let action: CaseAction = switch step % 4 {
            case 0: .take
            case 2: .release
            default: .note
            }
            step += 1
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                _ = try service.apply(action, to: id, analyst: analyst, note: "bench \(step)", expectedVersion: nil)
                if case .take = action { held = id }
            } catch is VetdeskError {
                refused += 1 // another analyst holds the case: the workflow's answer, not a failure
            } catch where "\(error)".contains("database is locked") {
                lockErrors += 1 // SQLITE_BUSY after the busy timeout: what analysts saw during imports
                if firstError.isEmpty { firstError = "\(error)" }
            } catch {
                errors += 1
                if firstError.isEmpty { firstError = "\(error)" }
            }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if case .release = action { held = nil }
            usleep(UInt32(max(0, pauseMs)) * 1000)
        }
        if let held { _ = try? service.apply(.release, to: held, analyst: analyst, note: "bench end", expectedVersion: nil) }
        let out: [String: Any] = ["analyst": analyst, "latencies_ms": latencies, "lock_errors": lockErrors,
                                  "refused": refused, "errors": errors, "first_error": firstError]
        print(String(decoding: try JSONSerialization.data(withJSONObject: out), as: UTF8.self))
    }
}
