import Foundation

/// Where the shipped read-only files (themes, the default rules.yaml, providers.yaml) are found once
/// installed, best first: the prefix this very binary is installed in (`<prefix>/bin/vetdesk` →
/// `<prefix>/share/vetdesk`), then `vetdesk/` in each `$XDG_DATA_DIRS` entry. The binary is located
/// through the resolved executable (`/proc/self/exe`), so a PATH lookup, a symlink or an ssh
/// session find the same files: never through the working directory or `argv[0]` as typed.
public enum InstallDirs {
    /// The running executable's real path (symlinks resolved).
    public static func executablePath() -> String? {
        #if os(Linux)
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }

    /// `share/vetdesk` beside the executable's prefix, then the XDG data dirs (default
    /// /usr/local/share:/usr/share, as the spec says); relative entries are ignored (spec).
    public static func search(environment: [String: String], executable: String?) -> [String] {
        var dirs: [String] = []
        if let executable {
            let prefix = URL(fileURLWithPath: executable).deletingLastPathComponent().deletingLastPathComponent()
            dirs.append(prefix.appendingPathComponent("share/vetdesk").standardizedFileURL.path)
        }
        let system = environment["XDG_DATA_DIRS"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/share:/usr/share"
        for entry in system.split(separator: ":") where entry.hasPrefix("/") {
            dirs.append(URL(fileURLWithPath: String(entry)).appendingPathComponent("vetdesk").standardizedFileURL.path)
        }
        var seen = Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }
}

extension StorePaths {
    /// The first `name` found in the install dirs.
    public func installedFile(_ name: String) -> String? {
        installDirs.map { "\($0)/\(name)" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The rules file in force: the user's, else the installed site default, else the user's path
    /// (absent: built-in defaults).
    public var rulesFileInUse: String {
        if FileManager.default.fileExists(atPath: rulesFile) { return rulesFile }
        return installedFile("rules.yaml") ?? rulesFile
    }

    /// Theme folders, best first: the user's (config, then data home), `$VETDESK_THEMES`, the
    /// installed ones. The `default` theme is also built in.
    public var themeDirs: [String] {
        var dirs = [userThemesDir, dataDir + "/themes"]
        if let extra = themesOverride { dirs.append(extra) }
        dirs += installDirs.map { $0 + "/themes" }
        var seen = Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }

    /// Where the console writes exports.
    public var exportsDir: String { dataDir + "/exports" }
}
