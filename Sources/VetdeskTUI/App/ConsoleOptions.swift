import VetdeskCore

/// How the console was started (from `vetdesk console` flags).
public struct ConsoleOptions: Sendable {
    public var analyst: String
    public var readonly: Bool
    public var themeName: String
    public var ascii: Bool
    public var noColor: Bool
    public var paths: StorePaths

    public init(analyst: String, readonly: Bool = false, themeName: String = "default", ascii: Bool = false,
                noColor: Bool = false, paths: StorePaths) {
        self.analyst = analyst; self.readonly = readonly; self.themeName = themeName; self.ascii = ascii
        self.noColor = noColor; self.paths = paths
    }
}
