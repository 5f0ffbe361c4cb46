import Foundation

/// Finds themes by name: the user's `$XDG_CONFIG_HOME/vetdesk/themes` first (so a user theme can
/// replace a shipped one), then the shipped `themes/` directory.
public struct ThemeCatalog: Sendable {
    public var directories: [String]

    public init(directories: [String]) { self.directories = directories }

    /// User dir, `$VETDESK_THEMES`, then `themes/` near the executable (installed share dir or a
    /// source checkout) and in the working directory.
    public static func standard(userDir: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ThemeCatalog {
        var dirs = [userDir]
        if let d = environment["VETDESK_THEMES"], !d.isEmpty { dirs.append(d) }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for rel in ["../share/vetdesk/themes", "themes", "../../themes", "../../../themes"] {
            dirs.append(exe.appendingPathComponent(rel).standardizedFileURL.path)
        }
        dirs.append(FileManager.default.currentDirectoryPath + "/themes")
        var seen = Set<String>()
        return ThemeCatalog(directories: dirs.filter { seen.insert($0).inserted })
    }

    /// Theme names found, sorted, without duplicates.
    public func names() -> [String] {
        var names = Set<String>()
        for dir in directories {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                names.insert((file as NSString).deletingPathExtension)
            }
        }
        return names.sorted()
    }

    public func path(of name: String) -> String? {
        for dir in directories {
            for ext in ["yaml", "yml"] {
                let p = "\(dir)/\(name).\(ext)"
                if FileManager.default.fileExists(atPath: p) { return p }
            }
        }
        return nil
    }

    public func load(_ name: String) throws -> Theme { try load(name, chain: []) }

    func load(_ name: String, chain: [String]) throws -> Theme {
        guard !name.contains("/"), let p = path(of: name) else {
            throw ThemeError.notFound(name: name, searched: directories, available: names())
        }
        guard !chain.contains(name) else {
            throw ThemeError.invalid(file: p, message: "inheritance cycle: \((chain + [name]).joined(separator: " -> "))")
        }
        let text: String
        do { text = try String(contentsOfFile: p, encoding: .utf8) } catch {
            throw ThemeError.invalid(file: p, message: "cannot read: \(error.localizedDescription)")
        }
        return try Theme.parse(yaml: text, file: p) { parent in
            // A user theme may inherit from the shipped theme of the same name: skip its own file.
            if parent == name {
                throw ThemeError.invalid(file: p, message: "inherits itself")
            }
            return try load(parent, chain: chain + [name])
        }
    }
}
