import VetdeskCore

/// How the console was started (from `vetdesk console` flags).
public struct ConsoleOptions: Sendable {
    public var analyst: String
    public var readonly: Bool
    public var themeName: String
    public var ascii: Bool
    public var noColor: Bool
    /// Screen-reader mode: the terminal's real cursor stays on the selected row (or the text
    /// being typed), so readers and magnifiers follow the selection.
    public var cursor: Bool
    public var paths: StorePaths
    /// Why the session is read-only when the store decided it (team observer, no write permission).
    public var readonlyReason: String? = nil

    public init(analyst: String, readonly: Bool = false, themeName: String = "default", ascii: Bool = false,
                noColor: Bool = false, cursor: Bool = false, paths: StorePaths) {
        self.analyst = analyst; self.readonly = readonly; self.themeName = themeName; self.ascii = ascii
        self.noColor = noColor; self.cursor = cursor; self.paths = paths
    }
}
