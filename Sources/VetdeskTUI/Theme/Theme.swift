import Foundation
import Yams

/// How one role looks: colours (optional, nil = terminal default) and attributes.
public struct RoleStyle: Equatable, Sendable {
    public var fg: ColorSpec?
    public var bg: ColorSpec?
    public var attrs: CellAttrs
    public init(fg: ColorSpec? = nil, bg: ColorSpec? = nil, attrs: CellAttrs = []) {
        self.fg = fg; self.bg = bg; self.attrs = attrs
    }
}

/// A theme maps every semantic role to a style. Files are YAML (k9s-skin-like):
///
///     name: default
///     description: Default dark
///     inherits: default            # optional: take unlisted roles from another theme
///     roles:
///       selected: { fg: "black", bg: "#5fafff 75 cyan", attrs: [bold] }
public struct Theme: Equatable, Sendable {
    public var name: String
    public var description: String
    public var styles: [Role: RoleStyle]

    public func style(_ role: Role) -> RoleStyle { styles[role] ?? styles[.normal] ?? RoleStyle() }

    /// Accepts `border_focused`, `borderFocused` or `border-focused` for a role.
    static func role(named key: String) -> Role? { rolesByKey[roleKey(key)] }

    /// Built once: comparing every key with every role through Foundation's replacingOccurrences was
    /// ~3 ms of the console's first frame (perf, 100k store; roles x keys calls).
    private static let rolesByKey: [String: Role] = Dictionary(
        Role.allCases.map { (roleKey($0.rawValue), $0) }, uniquingKeysWith: { first, _ in first })

    private static func roleKey(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" }.map(Character.init))
    }

    static let attrNames: [String: CellAttrs] = ["bold": .bold, "reverse": .reverse, "underline": .underline]

    /// Parses a theme file. `parent` resolves `inherits:`; every role must end up defined.
    public static func parse(yaml: String, file: String, parent: (String) throws -> Theme) throws -> Theme {
        let node: Any?
        // Every value is read as text ("\($0)" below), so no scalar needs resolving to a number or
        // bool: the basic resolver skips compiling Yams' resolver regexes, ~5 ms of the console's
        // first frame (perf, issue 13).
        do { node = try Yams.load(yaml: yaml, .basic) } catch {
            throw ThemeError.invalid(file: file, message: "not valid YAML: \(error)")
        }
        guard let root = node as? [String: Any] else {
            throw ThemeError.invalid(file: file, message: "expected a mapping with 'name' and 'roles'")
        }
        let name = root["name"].map { "\($0)" } ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var theme = Theme(name: name, description: root["description"].map { "\($0)" } ?? "", styles: [:])
        if let base = root["inherits"] {
            let baseName = "\(base)"
            guard baseName != name else { throw ThemeError.invalid(file: file, message: "inherits itself") }
            theme.styles = try parent(baseName).styles
        }
        guard let roles = root["roles"] as? [String: Any] else {
            throw ThemeError.invalid(file: file, message: "missing 'roles' mapping")
        }
        for (key, value) in roles.sorted(by: { $0.key < $1.key }) {
            guard let role = role(named: key) else {
                throw ThemeError.invalid(file: file, message: "roles.\(key): unknown role (known: "
                    + Role.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            guard let fields = value as? [String: Any] else {
                throw ThemeError.invalid(file: file, message: "roles.\(key): expected a mapping with fg, bg, attrs")
            }
            var style = RoleStyle()
            for (field, v) in fields {
                switch field {
                case "fg", "bg":
                    let spec: ColorSpec
                    do { spec = try ColorSpec(parsing: "\(v)") } catch {
                        throw ThemeError.invalid(file: file, message: "roles.\(key).\(field): unknown colour '\(error.word)' "
                            + "(use a name like red, 0-255, #rrggbb or default)")
                    }
                    if field == "fg" { style.fg = spec } else { style.bg = spec }
                case "attrs":
                    let list = (v as? [Any])?.map { "\($0)" } ?? "\(v)".split(separator: " ").map(String.init)
                    for a in list {
                        guard let attr = attrNames[a.lowercased()] else {
                            throw ThemeError.invalid(file: file, message: "roles.\(key).attrs: unknown attribute '\(a)' "
                                + "(bold, reverse, underline)")
                        }
                        style.attrs.insert(attr)
                    }
                default:
                    throw ThemeError.invalid(file: file, message: "roles.\(key): unknown field '\(field)' (fg, bg, attrs)")
                }
            }
            theme.styles[role] = style
        }
        let missing = Role.allCases.filter { theme.styles[$0] == nil }
        if !missing.isEmpty {
            throw ThemeError.invalid(file: file, message: "roles not defined: "
                + missing.map(\.rawValue).joined(separator: ", ") + " (define them or add 'inherits: default')")
        }
        return theme
    }
}

public enum ThemeError: Error, CustomStringConvertible, Equatable {
    case invalid(file: String, message: String)
    case notFound(name: String, searched: [String], available: [String])

    public var description: String {
        switch self {
        case let .invalid(file, message): return "theme \(file): \(message)"
        case let .notFound(name, searched, available):
            return "no theme '\(name)' (available: \(available.joined(separator: ", ")); searched \(searched.joined(separator: ", ")))"
        }
    }
}
