import Foundation

/// The rejects file of one import: one JSON object a line,
/// `{"file":…,"location":…,"field":…,"reason":…,"raw":…}`, where `raw` is the record as read
/// (a CSV row re-quoted, a JSON record's text). Created 0600 (it holds personal data), in a 0700
/// directory: by default `$XDG_STATE_HOME/vetdesk/rejects/<file>-<UTC time>.rejects.ndjson`.
/// Strings are written through JSONText, so no control or bidi character reaches a terminal raw.
final class RejectsWriter {
    let path: String
    private let handle: FileHandle
    private var buffer = ""

    /// `path`: a file, a directory, or nil for the default directory.
    init(path: String?, importedFile: String) throws {
        let target = try Self.resolve(path, importedFile: importedFile)
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw VetdeskError.io("cannot create rejects file \(Sanitize.forDisplay(target)): \(String(cString: strerror(errno)))")
        }
        fchmod(fd, 0o600) // an existing file keeps its mode through O_CREAT
        self.path = target
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        StorePaths.resolve(environment: environment).stateDir + "/rejects"
    }

    private static func resolve(_ path: String?, importedFile: String) throws -> String {
        var isDir: ObjCBool = false
        if let path, !path.hasSuffix("/"), !(FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue) {
            return path
        }
        let dir = path ?? defaultDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let base = (importedFile as NSString).lastPathComponent.unicodeScalars
            .map { CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" || $0 == "_" ? String($0) : "_" }
            .joined().prefix(80)
        let stamp = Time.iso(Time.now()).replacingOccurrences(of: ":", with: "")
        var candidate = "\(dir)/\(base)-\(stamp).rejects.ndjson"
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(dir)/\(base)-\(stamp)-\(n).rejects.ndjson"
            n += 1
        }
        return candidate
    }

    func write(_ error: VetdeskError, raw: String?) throws {
        var line = "{\"file\":"
        JSONText.quote(Self.file(of: error), into: &line)
        line += ",\"location\":"
        JSONText.quote(error.location ?? "", into: &line)
        line += ",\"field\":"
        if let f = error.field { JSONText.quote(f, into: &line) } else { line += "null" }
        line += ",\"reason\":"
        JSONText.quote(error.message ?? error.description, into: &line)
        line += ",\"raw\":"
        if let raw { JSONText.quote(raw, into: &line) } else { line += "null" }
        line += "}\n"
        buffer += line
        if buffer.utf8.count > 1 << 16 { try flush() }
    }

    private static func file(of error: VetdeskError) -> String {
        if case let .malformed(f, _, _, _) = error { f } else { "" }
    }

    private func flush() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer = ""
    }

    func close() throws {
        try flush()
        try handle.synchronize()
    }

    func remove() {
        try? handle.close()
        unlink(path)
    }
}
