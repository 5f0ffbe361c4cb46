/// Candidates sharing one value (a payment account, a device, a line...), before the rules that say whether
/// the value ties a ring (`RingExtraction.judge`). The full and the incremental refresh read the same groups
/// (`RingGroupSource`), so they judge them alike.
struct RingGroup {
    var kind: RingEdge.Kind
    /// The value compared across refreshes: kind plus the canonical value (see `RingGroup.key`).
    var key: String
    var value: String                       // as shown on the edge
    var members: [String]
    var first: Int64?
    var last: Int64?
    /// Residential lines: each sharer's sign-ins on the line.
    var lineEvents: [String: Int] = [:]

    /// One spelling for a group and for a stored edge of it: ship-to addresses compare by AddressKey.
    static func key(_ kind: RingEdge.Kind, shown value: String, a: String = "", b: String = "") -> String {
        switch kind {
        case .shipTo: return kind.rawValue + "|" + AddressKey.of(String(value.dropFirst(value.hasPrefix(shipToPrefix) ? shipToPrefix.count : 0)))
        case .referral: return kind.rawValue + "|" + min(a, b) + "\u{1F}" + max(a, b)
        default: return kind.rawValue + "|" + value
        }
    }

    static let shipToPrefix = "ship-to "
}

/// The rules that make a shared value a ring tie or a counted skip (docs/rings.md): too many sharers, a
/// household, a line that is nobody's main line, one city's line.
struct RingExtraction {
    var edges: [RingEdge] = []
    /// Shared values left out, by reason ("payment_account shared by more than 30").
    var skipped: [String: Int] = [:]
    /// Declared homes (AddressKey), city and country of the candidates judged so far.
    var homes: [String: Home] = [:]
    /// Residential lines: each sharer's sign-ins on all lines (for "main line").
    var totals: [String: Int] = [:]
    /// Known reshipper/forwarder addresses (watchlist kind `address`), as AddressKeys.
    var forwarders: Set<String> = []

    struct Home: Equatable { var address: String; var city: String; var country: String }

    /// Two or three people who declare one home: a household (a couple's joint account, a family device).
    func isHousehold(_ members: [String]) -> Bool {
        guard members.count <= RingStore.maxHousehold, let first = homes[members[0]]?.address, !first.isEmpty else { return false }
        return members.allSatisfy { homes[$0]?.address == first }
    }

    /// Whether `judge` reads homes (and, for lines, totals): ship-to and line rules always, the household rule
    /// only for groups small enough to be one. Normalising home addresses is costly: no more than needed.
    static func needsHomes(_ g: RingGroup) -> Bool {
        guard g.kind != .referral, g.members.count >= 2 else { return false }
        return g.kind == .shipTo || g.kind == .residentialLine || Set(g.members).count <= RingStore.maxHousehold
    }

    mutating func judge(_ g: RingGroup) {
        // A value only one candidate holds (now) ties nobody and is no skip either.
        guard Set(g.members).count >= 2 else { return }
        switch g.kind {
        case .shipTo:
            let key = String(g.key.dropFirst(RingEdge.Kind.shipTo.rawValue.count + 1))
            if g.members.count >= 2, g.members.allSatisfy({ homes[$0]?.address == key }) {
                skipped["ship_to shared by a household (same declared home)", default: 0] += 1
                return
            }
            // Everyone lives in the city the parcel goes to (coworking members who have the laptop sent to
            // the space's front desk, staff of one office): not a ring, unless the address is a known forwarder.
            if !forwarders.contains(key), let first = homes[g.members[0]], !first.city.isEmpty, !first.country.isEmpty,
               g.members.allSatisfy({ homes[$0]?.city == first.city && homes[$0]?.country == first.country }),
               Set(key.split(separator: " ")).isSuperset(of: AddressKey.city(first.city).split(separator: " ")) {
                skipped["ship_to in the sharers' own city (office, coworking)", default: 0] += 1
                return
            }
            add(g)
        case .residentialLine:
            let main = g.members.filter {
                Double(g.lineEvents[$0] ?? 0) >= RingStore.mainLineShare * Double(max(1, totals[$0] ?? 0))
            }
            guard main.count >= 2 else {
                skipped["residential_line only occasional for its sharers", default: 0] += 1
                return
            }
            let homes = main.map { self.homes[$0] ?? Home(address: "", city: "", country: "") }
            if Set(homes.map(\.address)).count < 2 && !(homes.first?.address.isEmpty ?? true) {
                skipped["residential_line shared by a household", default: 0] += 1
                return
            }
            if let first = homes.first, !first.city.isEmpty, homes.allSatisfy({ $0.city == first.city && $0.country == first.country }) {
                skipped["residential_line of one city (office, coworking, carrier NAT)", default: 0] += 1
                return
            }
            // Two homes in one country on one line is a household plus a lodger who kept an old address, or
            // two strangers behind an ISP's fixed-line NAT: it still scores (shared_login_ip), but a line ties a
            // ring only for 3+ declared homes or homes in 2+ countries, the laptop-farm shape.
            let declaredHomes = Set(homes.map(\.address)).count
            let countries = Set(homes.map(\.country).filter { !$0.isEmpty }).count
            if declaredHomes < 3 && countries < 2 {
                skipped["residential_line of two homes in one country", default: 0] += 1
                return
            }
            var narrowed = g
            narrowed.members = main
            add(narrowed)
        default:
            add(g)
        }
    }

    private mutating func add(_ g: RingGroup) {
        let unique = Array(Set(g.members)).sorted()
        guard unique.count >= 2 else { return }
        guard unique.count <= RingStore.maxGroup else {
            skipped["\(g.kind.rawValue) shared by more than \(RingStore.maxGroup)", default: 0] += 1
            return
        }
        if g.kind != .referral && isHousehold(unique) {
            skipped["\(g.kind.rawValue) shared within a household", default: 0] += 1
            return
        }
        // A star from the first member is enough to connect the component; every pair would be quadratic.
        for other in unique.dropFirst() {
            edges.append(RingEdge(unique[0], other, kind: g.kind, value: g.value, firstSeen: g.first, lastSeen: g.last))
        }
    }
}
