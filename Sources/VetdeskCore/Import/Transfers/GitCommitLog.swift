import Foundation

/// Commit metadata straight from a repository (`vetdesk import-git PATH`): `git log` with a
/// machine-readable format, run with an argument array (never through a shell), its output parsed as
/// it streams. Author and committer name, email and time with the UTC offset the author's clock
/// wrote (`%aI`: strict ISO 8601), and lines changed (`--numstat` insertions + deletions; binary files
/// count 0). Every branch and tag is read (`--all`); a commit reachable from several is one event.
///
/// The repository's own configuration is not trusted: no pager, no external diff, no textconv
/// filters (git log runs them by default), no fsmonitor hook.
final class GitCommitLog {
    let repoPath: String
    /// The repository's directory name (without ".git"): the event's object.
    let repoName: String
    private let process = Process()
    private let pipe = Pipe()
    private let errors = Pipe()
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var current: TransferEvent?
    private var commits = 0
    private(set) var bytesRead = 0

    static let fieldSeparator: UInt8 = 0x1F, recordSeparator: UInt8 = 0x1E

    init(path: String, since: String?) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw VetdeskError.io("\(Sanitize.forDisplay(path)): not a directory")
        }
        repoPath = path
        var name = (URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent)
        if name.hasSuffix(".git"), name.count > 4 { name.removeLast(4) }
        repoName = name
        guard let git = Self.findGit() else { throw VetdeskError.io("git is not installed (looked in PATH)") }
        process.executableURL = URL(fileURLWithPath: git)
        var arguments = ["--no-pager", "-c", "core.fsmonitor=false", "-C", path, "log", "--all", "--no-color",
                         "--no-textconv", "--no-ext-diff", "--numstat", "--no-renames",
                         "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%P"]
        if let since { arguments.append("--since=\(since)") }
        arguments.append("--")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["LC_ALL"] = "C"
        process.environment = env
        process.standardOutput = pipe
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw VetdeskError.io("cannot run git: \(error.localizedDescription)")
        }
    }

    deinit { if process.isRunning { process.terminate() } }

    private static func findGit() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where dir.hasPrefix("/") {
            let candidate = "\(dir)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The next commit, or nil after the last; git's own failure (not a repository...) is an error.
    func next() throws -> TransferRecord? {
        while let line = try nextLine() {
            if line.first == Self.recordSeparator {
                let done = current
                current = try header(Array(line.dropFirst()))
                if let done { return .event(done) }
            } else if !line.isEmpty, current != nil {
                current!.linesChanged! += Self.numstat(line)
            }
        }
        if let done = current {
            current = nil
            return .event(done)
        }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile().prefix(500), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw VetdeskError.malformed(file: repoPath, location: "git log", field: nil,
                                         message: "git exited with \(process.terminationStatus): \(Sanitize.forDisplay(message))")
        }
        return nil
    }

    private func header(_ bytes: [UInt8]) throws -> TransferEvent {
        commits += 1
        let f = bytes.split(separator: Self.fieldSeparator, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let location = "commit \(commits)"
        func fail(_ field: String, _ message: String) -> VetdeskError {
            .malformed(file: repoPath, location: location + (f.first.map { " (\($0))" } ?? ""), field: field, message: message)
        }
        guard f.count >= 8 else { throw fail("format", "git wrote \(f.count) fields, expected 8") }
        guard f[0].count >= 40, f[0].allSatisfy(\.isHexDigit) else { throw fail("sha", "'\(FlatRecord.quoted(f[0]))' is not a commit id") }
        guard let authored = Self.time(f[3]) else { throw fail("author_time", "'\(FlatRecord.quoted(f[3]))' is not an ISO 8601 time") }
        let committed = Self.time(f[6])
        let email = f[2].trimmingCharacters(in: .whitespaces)
        var event = TransferEvent(source: .git, identity: f[0], sourceId: f[0], actor: email.isEmpty ? f[1] : email,
                                  occurredMs: authored.seconds * 1000, hasMilliseconds: false, action: .commit,
                                  vendorAction: "commit")
        event.utcOffsetMinutes = authored.offsetMinutes
        event.object = repoName
        event.objectKind = "commit"
        event.linesChanged = 0
        event.actorAliases = email.isEmpty ? [] : [f[1]]
        event.detail = TransferDetail.json([
            ("author_name", f[1]), ("author_time", f[3]), ("committer_name", f[4]), ("committer_email", f[5]),
            ("committer_time", f[6]), ("committer_utc_offset_minutes", committed?.offsetMinutes),
            ("parents", f[7].split(separator: " ").count),
        ])
        return event
    }

    /// "12\t3\tpath" -> 15; "-\t-\tpath" (binary) -> 0.
    static func numstat(_ line: [UInt8]) -> Int64 {
        let parts = line.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return 0 }
        let a = Int64(String(decoding: parts[0], as: UTF8.self)) ?? 0
        let d = Int64(String(decoding: parts[1], as: UTF8.self)) ?? 0
        return a + d
    }

    /// "2024-03-01T02:15:00+09:00" -> (UTC seconds, +540).
    static func time(_ text: String) -> (seconds: Int64, offsetMinutes: Int)? {
        guard let t = Time.parse(text) else { return nil }
        if text.hasSuffix("Z") { return (t, 0) }
        let tail = Array(text.utf8.suffix(6))
        guard tail.count == 6, tail[0] == UInt8(ascii: "+") || tail[0] == UInt8(ascii: "-"), tail[3] == UInt8(ascii: ":"),
              let h = Int(String(decoding: tail[1...2], as: UTF8.self)), let m = Int(String(decoding: tail[4...5], as: UTF8.self))
        else { return (t, 0) }
        return (t, (h * 60 + m) * (tail[0] == UInt8(ascii: "-") ? -1 : 1))
    }

    private func nextLine() throws -> [UInt8]? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                let line = Array(buffer[position..<nl])
                position = nl + 1
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                return line
            }
            buffer.removeFirst(position)
            position = 0
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk); bytesRead += chunk.count }
        }
    }
}
