import Foundation

/// Where Vetdesk keeps its files, following the XDG base-directory spec.
public struct StorePaths: Sendable {
    public var store: String
    public var configDir: String
    public var dataDir: String
    public var stateDir: String
    /// Shipped read-only files, best first (see InstallDirs).
    public var installDirs: [String] = []
    /// `$VETDESK_THEMES`: one more theme folder.
    public var themesOverride: String?

    /// `explicitStore` (from `--store`) wins over `VETDESK_STORE`, which wins over the XDG default.
    public static func resolve(explicitStore: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               executable: String? = InstallDirs.executablePath()) -> StorePaths {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func xdg(_ key: String, _ fallback: String) -> String {
            if let v = environment[key], v.hasPrefix("/") { return v }
            return home + "/" + fallback
        }
        let data = xdg("XDG_DATA_HOME", ".local/share") + "/vetdesk"
        let config = xdg("XDG_CONFIG_HOME", ".config") + "/vetdesk"
        let state = xdg("XDG_STATE_HOME", ".local/state") + "/vetdesk"
        let store = explicitStore ?? environment["VETDESK_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? data + "/store.sqlite"
        return StorePaths(store: store, configDir: config, dataDir: data, stateDir: state,
                          installDirs: InstallDirs.search(environment: environment, executable: executable),
                          themesOverride: environment["VETDESK_THEMES"].flatMap { $0.isEmpty ? nil : $0 })
    }

    public var rulesFile: String { configDir + "/rules.yaml" }
    public var providersFile: String { configDir + "/providers.yaml" }
    public var retentionFile: String { configDir + "/retention.yaml" }
    public var userThemesDir: String { configDir + "/themes" }
}
