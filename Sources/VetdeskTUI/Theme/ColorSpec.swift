/// A colour as a theme writes it: alternatives, best first, e.g. "#ff5f5f 203 red"
/// (VisiData style): the terminal's colour depth picks the first one it can show.
public enum ColorValue: Equatable, Sendable {
    case terminalDefault
    case indexed(Int)            // 0-255 (0-15 are the named ANSI colours)
    case rgb(Int, Int, Int)
}

public enum ColorDepth: String, Sendable, CaseIterable {
    case none, eight = "8", c256 = "256", direct = "truecolor"
}

public struct ColorSpec: Equatable, Sendable {
    public var alternatives: [ColorValue]

    public static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright_black": 8, "gray": 8, "grey": 8, "bright_red": 9, "bright_green": 10, "bright_yellow": 11,
        "bright_blue": 12, "bright_magenta": 13, "bright_cyan": 14, "bright_white": 15,
    ]

    /// Parses "#rrggbb", "0".."255", a colour name or "default"; throws the offending word.
    public init(parsing text: String) throws(ColorSpecError) {
        var alts: [ColorValue] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," }).map({ $0.lowercased() }) {
            if word == "default" || word == "none" { alts.append(.terminalDefault) }
            else if let i = ColorSpec.names[word] { alts.append(.indexed(i)) }
            else if let n = Int(word), (0...255).contains(n) { alts.append(.indexed(n)) }
            else if word.hasPrefix("#"), word.count == 7, let v = Int(word.dropFirst(), radix: 16) {
                alts.append(.rgb(v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF))
            } else {
                throw ColorSpecError(word: word)
            }
        }
        guard !alts.isEmpty else { throw ColorSpecError(word: text) }
        alternatives = alts
    }

    public init(_ alternatives: [ColorValue]) { self.alternatives = alternatives }

    /// The ncurses colour number for this depth (-1 = the terminal's default colour).
    /// Direct-colour terminals take 0xRRGGBB; 256 prefers an index and maps hex to the xterm cube;
    /// 8 maps everything to the nearest ANSI colour.
    public func resolve(_ depth: ColorDepth) -> Int32 {
        guard let first = alternatives.first else { return -1 }
        switch depth {
        case .none: return -1
        case .direct:
            let pick = alternatives.first { if case .rgb = $0 { true } else { false } } ?? first
            switch pick {
            case .terminalDefault: return -1
            case let .rgb(r, g, b): return Int32(r << 16 | g << 8 | b)
            case let .indexed(i): return i < 8 ? Int32(i) : Self.rgbOf(index: i).packed
            }
        case .c256:
            let pick = alternatives.first { if case .rgb = $0 { false } else { true } } ?? first
            switch pick {
            case .terminalDefault: return -1
            case let .indexed(i): return Int32(i)
            case let .rgb(r, g, b): return Int32(Self.nearest256(r, g, b))
            }
        case .eight:
            let pick = alternatives.first {
                if case .terminalDefault = $0 { return true }
                if case let .indexed(i) = $0 { return i < 16 }
                return false
            } ?? first
            switch pick {
            case .terminalDefault: return -1
            case let .indexed(i) where i < 16: return Int32(i % 8)
            case let .indexed(i): let c = Self.rgbOf(index: i); return Int32(Self.nearest8(c.r, c.g, c.b))
            case let .rgb(r, g, b): return Int32(Self.nearest8(r, g, b))
            }
        }
    }

    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    static let ansi: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238),
                                          (205, 0, 205), (0, 205, 205), (229, 229, 229), (127, 127, 127),
                                          (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255),
                                          (0, 255, 255), (255, 255, 255)]

    static func rgbOf(index i: Int) -> (r: Int, g: Int, b: Int, packed: Int32) {
        let c: (Int, Int, Int)
        if i < 16 { c = ansi[i] }
        else if i < 232 { let n = i - 16; c = (cubeLevels[n / 36], cubeLevels[n / 6 % 6], cubeLevels[n % 6]) }
        else { let v = 8 + (i - 232) * 10; c = (v, v, v) }
        return (c.0, c.1, c.2, Int32(c.0 << 16 | c.1 << 8 | c.2))
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr * 3 + dg * dg * 4 + db * db * 2
    }

    static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> Int {
        var best = 16, bestD = Int.max
        for i in 16..<256 {
            let c = rgbOf(index: i)
            let d = distance((r, g, b), (c.r, c.g, c.b))
            if d < bestD { best = i; bestD = d }
        }
        return best
    }

    static func nearest8(_ r: Int, _ g: Int, _ b: Int) -> Int {
        (0..<8).min { distance((r, g, b), ansi[$0]) < distance((r, g, b), ansi[$1]) } ?? 7
    }
}

public struct ColorSpecError: Error, Equatable {
    public var word: String
}
