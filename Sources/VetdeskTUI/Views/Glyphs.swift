import VetdeskCore

/// Glyphs that carry state next to colour (so no state is shown by colour alone), with ASCII fallbacks.
public enum Glyphs {
    public static func band(_ b: RiskBand, ascii: Bool) -> String {
        switch b {
        case .none: ascii ? "." : "·"
        case .low: ascii ? "l" : "▁"
        case .medium: ascii ? "m" : "▄"
        case .high: ascii ? "H" : "▆"
        case .critical: ascii ? "C" : "█"
        }
    }

    public static func bandRole(_ b: RiskBand) -> Role {
        switch b {
        case .none: .bandNone
        case .low: .bandLow
        case .medium: .bandMedium
        case .high: .bandHigh
        case .critical: .bandCritical
        }
    }

    public static func statusRole(_ s: CaseStatus) -> Role {
        switch s {
        case .new: .statusNew
        case .inReview: .statusInReview
        case .cleared: .statusCleared
        case .escalated: .statusEscalated
        case .referred: .statusReferred
        }
    }

    public static func cursor(ascii: Bool) -> String { ascii ? ">" : "▸" }
    public static func mark(ascii: Bool) -> String { ascii ? "*" : "●" }
    public static func change(_ k: RowChangeKind, ascii: Bool) -> String {
        switch k {
        case .new: ascii ? "+" : "✚"
        case .changed: ascii ? "~" : "Δ"
        }
    }

    public static func flash(_ level: FlashLevel, ascii: Bool) -> String {
        switch level {
        case .info: ascii ? "i" : "ℹ"
        case .warn: "!"
        case .error: ascii ? "x" : "✗"
        }
    }

    public static func flashRole(_ level: FlashLevel) -> Role {
        switch level {
        case .info: .flashInfo
        case .warn: .flashWarn
        case .error: .flashError
        }
    }

    /// "5m", "7h", "12d": time in the queue.
    public static func age(seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s < 3600 { return "\(s / 60)m" }
        if s < 48 * 3600 { return "\(s / 3600)h" }
        return "\(s / 86400)d"
    }
}

/// Splits text into lines of at most `width` columns (by display width), breaking at spaces when it can.
public func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = ""
    var used = 0
    for ch in text {
        let w = DisplayWidth.of(ch)
        if used + w > width {
            if let space = line.lastIndex(of: " "), line.distance(from: line.startIndex, to: space) > 0 {
                let rest = String(line[line.index(after: space)...])
                lines.append(String(line[..<space]))
                line = rest
                used = DisplayWidth.of(rest)
            } else {
                lines.append(line)
                line = ""
                used = 0
            }
        }
        line.append(ch)
        used += w
    }
    lines.append(line)
    return lines
}
