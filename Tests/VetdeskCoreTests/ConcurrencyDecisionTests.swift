import Foundation
import GRDB
import Testing
@testable import VetdeskCore

/// Many analysts deciding the same cases at once, each with its own connection pool (as separate processes
/// have), while an import writes to the same file. Every attempt must commit exactly once or be refused
/// with a conflict; afterwards the chain verifies and SQLite reports no corruption.
@Suite(.serialized) struct ConcurrencyDecisionTests {
    struct Tally: Sendable {
        var committed: [String] = []   // "ID@version" of every committed decision
        var conflicts = 0
        var refused: [String] = []
    }

    @Test func eightPoolsMakeAThousandDecisionsEachDuringAnImport() throws {
        let f = try CaseFixture(cases: 6)
        defer { f.remove() }
        let ids = (1...6).map { "C-\($0)" }
        let workers = 8, perWorker = 1_000
        let path = f.store.path
        let importDone = StopSwitch()
        let started = Date()

        let importer = spawnThread {
            let store = try Store(path: path)
            var batches = 0
            // An import: batches of login events for an unrelated candidate, until the deciders finish.
            while !importDone.isSet || batches < 5 {
                try store.pool.write { db in
                    for i in 0..<200 {
                        try db.execute(sql: """
                            INSERT INTO login_event(source, source_id, candidate_id, account, occurred_at, ip, outcome)
                            VALUES ('okta', ?, 'C-9', 'c9@corp.example', ?, '198.51.100.9', 'success')
                            """, arguments: ["b\(batches)-\(i)", CaseFixture.t0 + Int64(i)])
                    }
                }
                batches += 1
            }
            return batches
        }
        let deciders = (0..<workers).map { w in
            spawnThread { () throws -> Tally in
                let service = CaseService(store: try Store(path: path))
                var rng = SystemRandomNumberGenerator()
                var tally = Tally()
                for i in 0..<perWorker {
                    let id = ids.randomElement(using: &rng)!
                    switch try DecisionWorkload.step(service, candidateId: id, analyst: "analyst\(w)", roll: rng.next(),
                                                     note: "w\(w) #\(i)") {
                    case let .committed(v): tally.committed.append("\(id)@\(v)")
                    case .conflict: tally.conflicts += 1
                    case let .refused(why): tally.refused.append(why)
                    }
                }
                return tally
            }
        }
        let tallies = try deciders.map { try $0.join() }
        importDone.set()
        let batches = try importer.join()
        let elapsed = Date().timeIntervalSince(started)

        let committed = tallies.flatMap(\.committed)
        let conflicts = tallies.reduce(0) { $0 + $1.conflicts }
        print("concurrency: \(workers)×\(perWorker) attempts in \(String(format: "%.1f", elapsed)) s: "
              + "\(committed.count) committed, \(conflicts) conflicts; importer wrote \(batches) batches")
        #expect(tallies.flatMap(\.refused).isEmpty)
        #expect(committed.count + conflicts == workers * perWorker)
        #expect(Set(committed).count == committed.count, "a case version was committed twice")
        try expectConsistent(f.store, ids: ids, committed: committed.count)
        #expect(try f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM login_event") } == batches * 200)
    }

    @Test func fourProcessesDecideTheSameCases() throws {
        let binary = try #require(CaseBinary.vetdesk(), CaseBinary.missingMessage)
        let f = try CaseFixture(cases: 3)
        defer { f.remove() }
        let ids = ["C-1", "C-2", "C-3"]
        let importDone = StopSwitch()
        let path = f.store.path
        let importer = spawnThread {
            let store = try Store(path: path)
            var n = 0
            while !importDone.isSet {
                try store.pool.write { db in
                    try db.execute(sql: "INSERT INTO watchlist_entry(list_name, kind, value) VALUES ('feed', 'ip', ?)",
                                   arguments: ["192.0.2.\(n)"])
                }
                n += 1
            }
            return n
        }
        let runs = try (1...4).map { k in
            try CaseBinary.start(binary, ["audit", "stress", "--store", path, "--count", "50", "--analyst", "proc\(k)",
                                          "--seed", String(k)] + ids)
        }
        let outputs = try runs.map { try $0.finish() }
        importDone.set()
        _ = try importer.join()
        for o in outputs { #expect(o.status == 0, "stress process failed: \(o.stderr)") }
        let lines = outputs.flatMap { $0.stdout.split(separator: "\n").map(String.init) }
        let committed = lines.filter { $0.hasPrefix("ok ") }
        #expect(lines.count == 200)
        #expect(lines.allSatisfy { $0.hasPrefix("ok ") || $0.hasPrefix("conflict ") }, "\(lines.filter { $0.hasPrefix("refused") })")
        #expect(Set(committed).count == committed.count)
        try expectConsistent(f.store, ids: ids, committed: committed.count)
    }

    @Test func sigkillMidDecisionLeavesNoPartialData() throws {
        let binary = try #require(CaseBinary.vetdesk(), CaseBinary.missingMessage)
        let f = try CaseFixture(cases: 3)
        defer { f.remove() }
        let ids = ["C-1", "C-2", "C-3"]
        var committedTotal = 0
        for round in 0..<3 {
            let run = try CaseBinary.start(binary, ["audit", "stress", "--store", f.store.path, "--count", "1000000",
                                                    "--seed", String(round + 10)] + ids)
            usleep(UInt32.random(in: 300_000...900_000))
            kill(run.process.processIdentifier, SIGKILL)
            let out = try run.finish()
            #expect(run.process.terminationReason == .uncaughtSignal && out.status == SIGKILL,
                    "the stress loop ended by itself before the kill: \(out.stderr)")
            // Lines are written after each commit: every one reported must have survived the kill.
            let reported = out.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }
            committedTotal = try f.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM history") } ?? 0
            #expect(committedTotal >= reported.count)
            for line in reported.suffix(3) {
                let parts = line.split(separator: " ")
                let (id, version) = (String(parts[1]), Int(parts[2])!)
                let stored = try f.store.pool.read { db in
                    try Int.fetchOne(db, sql: "SELECT version FROM case_file WHERE candidate_id = ?", arguments: [id])
                } ?? -1
                #expect(stored >= version)
            }
            try expectConsistent(f.store, ids: ids, committed: committedTotal)
        }
        #expect(committedTotal > 0)
    }

    /// History rows == committed decisions == sum of case versions; per case, version == its entries;
    /// the chain verifies and SQLite's own integrity check passes.
    func expectConsistent(_ store: Store, ids: [String], committed: Int) throws {
        let (historyCount, versions, perCase, integrity) = try store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM history") ?? -1,
             try Int.fetchOne(db, sql: "SELECT sum(version) FROM case_file") ?? -1,
             try Row.fetchAll(db, sql: """
                 SELECT c.candidate_id, c.version, (SELECT count(*) FROM history h WHERE h.candidate_id = c.candidate_id) AS n
                 FROM case_file c WHERE c.version <> (SELECT count(*) FROM history h WHERE h.candidate_id = c.candidate_id)
                 """).map { "\($0["candidate_id"] as String): version \($0["version"] as Int), entries \($0["n"] as Int)" },
             try String.fetchAll(db, sql: "PRAGMA integrity_check"))
        }
        #expect(historyCount == committed)
        #expect(versions == committed)
        #expect(perCase.isEmpty, "\(perCase)")
        #expect(integrity == ["ok"])
        let report = try CaseService(store: store).verifyChain()
        #expect(report.isIntact, "\(report.problem?.message ?? "")")
        #expect(report.entriesChecked == committed)
    }
}

/// A thread-safe one-way switch.
final class StopSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// A real OS thread (the cooperative pool has only as many threads as cores) whose result can be joined.
final class JoinableThread<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error>?
    init(_ body: @escaping @Sendable () throws -> T) {
        let t = Thread { [self] in
            result = Result { try body() }
            done.signal()
        }
        t.stackSize = 4 << 20
        t.start()
    }
    func join() throws -> T {
        done.wait()
        return try result!.get()
    }
}

func spawnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> JoinableThread<T> { JoinableThread(body) }

/// Runs the built `vetdesk` executable, found next to the test bundle in the build products directory.
enum CaseBinary {
    static let missingMessage = Comment(rawValue: "the vetdesk executable was not found next to the test bundle: "
        + "`swift test` does not link it, run `swift build` first")

    static func vetdesk() -> String? {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        for dir in candidates {
            var d = dir
            // The xctest bundle may sit a level or two below the products directory.
            for _ in 0..<3 {
                let path = d.appendingPathComponent("vetdesk").path
                if FileManager.default.isExecutableFile(atPath: path) { return path }
                d = d.deletingLastPathComponent()
            }
        }
        return nil
    }

    struct Running {
        let process: Process
        let stdout: Pipe
        let stderr: Pipe
        func finish() throws -> (status: Int32, stdout: String, stderr: String) {
            let out = stdout.fileHandleForReading.readDataToEndOfFile()
            let err = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }

    static func start(_ binary: String, _ args: [String], environment: [String: String] = [:]) throws -> Running {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return Running(process: p, stdout: out, stderr: err)
    }

    static func run(_ binary: String, _ args: [String], environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        try start(binary, args, environment: environment).finish()
    }
}
