/// Semantic roles a view paints with. Themes map roles to colours and attributes;
/// views never name a colour, so a theme (or NO_COLOR) changes everything at once.
public enum Role: String, CaseIterable, Sendable, Codable {
    case normal, dim, title, border, borderFocused, header, hint, key
    case selected, marked, changed
    case statusNew = "status_new", statusInReview = "status_in_review", statusCleared = "status_cleared"
    case statusEscalated = "status_escalated", statusReferred = "status_referred"
    case bandNone = "band_none", bandLow = "band_low", bandMedium = "band_medium", bandHigh = "band_high"
    case bandCritical = "band_critical"
    case sevLow = "sev_low", sevMedium = "sev_medium", sevHigh = "sev_high", sevDecisive = "sev_decisive"
    case flashInfo = "flash_info", flashWarn = "flash_warn", flashError = "flash_error"
    case dialog, input, heat0, heat1, heat2, heat3, heat4, live
}

/// Extra attributes a cell may carry on top of its role's theme style.
public struct CellAttrs: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = CellAttrs(rawValue: 1)
    public static let reverse = CellAttrs(rawValue: 2)
    public static let underline = CellAttrs(rawValue: 4)
}
