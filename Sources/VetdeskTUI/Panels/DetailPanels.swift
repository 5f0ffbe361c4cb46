import VetdeskCore

/// The detail panels in display order; the console cycles through them with Tab and
/// `vetdesk show` prints them one after the other.
public enum DetailPanels {
    public static let all: [any DetailPanel.Type] = [
        IndicatorsPanel.self, PaymentsPanel.self, LoginsPanel.self, ActivityPanel.self, IdentityPanel.self, LinksPanel.self, HistoryPanel.self,
    ]

    public static func panel(id: String) -> (any DetailPanel.Type)? { all.first { $0.id == id } }
}
