import Foundation
import VetdeskCore

/// Finds themes by name in folders, best first (so a user theme can replace a shipped one). The
/// `default` theme is also built into the binary, so the console starts with no theme files at all.
public struct ThemeCatalog: Sendable {
    public var directories: [String]

    public init(directories: [String]) { self.directories = directories }

    /// The folders of `paths.themeDirs` (user's, `$VETDESK_THEMES`, installed share dirs), then a
    /// source checkout's `themes/` when the resolved executable is a SwiftPM build inside one.
    public static func standard(paths: StorePaths, executable: String? = InstallDirs.executablePath()) -> ThemeCatalog {
        var dirs = paths.themeDirs
        if let checkout = checkoutThemes(executable: executable) { dirs.append(checkout) }
        return ThemeCatalog(directories: dirs)
    }

    /// `<checkout>/themes` for a binary at `<checkout>/.build*/<triple>/<config>/vetdesk`.
    static func checkoutThemes(executable: String?) -> String? {
        guard let executable else { return nil }
        let exe = URL(fileURLWithPath: executable)
        let scratch = exe.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard scratch.lastPathComponent.hasPrefix(".build") else { return nil }
        let root = scratch.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else { return nil }
        return root.appendingPathComponent("themes").path
    }

    /// Theme names found, sorted, without duplicates.
    public func names() -> [String] {
        var names: Set<String> = [Self.builtinName]
        for dir in directories {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            where file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
                names.insert((file as NSString).deletingPathExtension)
            }
        }
        return names.sorted()
    }

    /// The theme built into the binary (a copy of themes/default.yaml).
    public static let builtinName = "default"

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
        if !name.contains("/"), path(of: name) == nil, name == Self.builtinName {
            return try Theme.parse(yaml: Self.builtinDefaultYAML, file: "(built-in default theme)") { _ in
                throw ThemeError.invalid(file: "(built-in default theme)", message: "inherits another theme")
            }
        }
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
