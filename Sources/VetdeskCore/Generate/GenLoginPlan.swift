/// Where and when one candidate's account logs in; `GenLoginEmitter` turns it into events.
struct GenSite {
    var ip: String
    var network: GenNetwork
    var city: String
}

struct GenDevice {
    var id: String
    var managed: Bool
    var agent: GenUserAgent
}

struct GenUserAgent {
    var raw: String
    var os: String          // as Okta names it
    var entraOS: String
    var browser: String     // as Okta names it
    var entraBrowser: String

    static let all: [GenUserAgent] = [
        GenUserAgent(raw: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                     os: "Windows 10", entraOS: "Windows10", browser: "CHROME", entraBrowser: "Chrome 131.0.0"),
        GenUserAgent(raw: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                     os: "Windows 10", entraOS: "Windows10", browser: "EDGE_CHROMIUM", entraBrowser: "Edge 131.0.0"),
        GenUserAgent(raw: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15",
                     os: "Mac OS X", entraOS: "MacOs", browser: "SAFARI", entraBrowser: "Safari 18.2"),
        GenUserAgent(raw: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                     os: "Mac OS X", entraOS: "MacOs", browser: "CHROME", entraBrowser: "Chrome 131.0.0"),
        GenUserAgent(raw: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                     os: "Linux", entraOS: "Linux", browser: "FIREFOX", entraBrowser: "Firefox 133.0"),
    ]
}

enum GenLoginSource: String { case okta, entra, google, csv }

struct GenLoginPlan {
    var account: String
    var displayName: String
    var source: GenLoginSource
    /// Usual places, with weights.
    var sites: [(GenSite, Double)]
    /// Working window start, in UTC hours (may be negative or past 24: wraps), and its length.
    var startHourUTC: Double
    var spanHours: Double
    var weekends = false
    /// Round-the-clock activity with sessions of several days (remote-controlled machines).
    var continuous = false
    /// Day ranges (unix day numbers, inclusive) spent elsewhere.
    var trips: [(from: Int, to: Int, site: GenSite)] = []
    /// Single days logged from a special site (e.g. DPRK address space).
    var specialDays: [Int: GenSite] = [:]
    var devices: [GenDevice]
    var locale: String
    var firstDay: Int
    var lastDay: Int
    var failureRate = 0.03
}

/// One login event, ready for any of the four formats.
struct GenLoginEvent {
    var eventId: String
    /// Google's numeric uniqueQualifier.
    var qualifier: Int64
    var at: Int64
    var millis: Int
    var account: String
    var displayName: String
    var site: GenSite
    var success: Bool
    var device: GenDevice
    var locale: String
    var sessionId: String
}
