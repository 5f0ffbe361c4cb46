import ArgumentParser
import Foundation
import VetdeskCore
import VetdeskTUI

/// `make bench` helper: times the first page of the queue inside one process, so the figure is
/// the query, not process start-up. Hidden from help.
struct BenchQueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-query", abstract: "Time fetching the first queue page (for make bench).",
        shouldDisplay: false)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Rows per page.") var limit = 50
    @Option(name: .customLong("repeat"), help: "Timed repetitions.") var repetitions = 100
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Instead of timing queries, draw this many queue frames (render and diff, no terminal).")
    var frames: Int?

    func run() throws {
        guard repetitions > 0 else { throw ValidationError("--repeat must be at least 1") }
        let store = try global.openStore()
        if let frames {
            let start = DispatchTime.now().uptimeNanoseconds
            let cells = try FrameBench.run(store: store, frames: max(0, frames))
            let us = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(max(1, frames))
            print(String(format: "{\"frames\":%d,\"cells\":%d,\"us_per_frame\":%.1f}", frames, cells, us))
            return
        }
        func timed() throws -> (Double, Int) {
            let start = DispatchTime.now().uptimeNanoseconds
            let rows = try store.queue(QueueQuery(limit: limit))
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, rows.count)
        }
        let (cold, rows) = try timed()
        var samples: [Double] = []
        for _ in 0..<repetitions { samples.append(try timed().0) }
        samples.sort()
        let median = samples[samples.count / 2]
        let p95 = samples[min(samples.count - 1, samples.count * 95 / 100)]
        if json {
            print(String(format: "{\"rows\":%d,\"cold_ms\":%.3f,\"median_ms\":%.3f,\"p95_ms\":%.3f,\"repeat\":%d}",
                         rows, cold, median, p95, repetitions))
        } else {
            print(String(format: "%d rows: first %.3f ms, median %.3f ms, p95 %.3f ms over %d runs",
                         rows, cold, median, p95, repetitions))
        }
    }
}
