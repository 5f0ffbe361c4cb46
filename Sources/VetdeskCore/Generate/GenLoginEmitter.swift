/// Expands a `GenLoginPlan` into exactly `count` events spread over the plan's active days.
enum GenLoginEmitter {
    static func emit(plan: GenLoginPlan, count: Int, rng: inout SplitMix64,
                     _ sink: (GenLoginEvent) -> Void) {
        guard count > 0 else { return }
        let days = (plan.firstDay...max(plan.firstDay, plan.lastDay)).filter { day in
            plan.weekends || plan.continuous || GenCalendar.weekday(day: day) < 5
                || plan.trips.contains { day >= $0.from && day <= $0.to }
        }
        guard !days.isEmpty else { return }
        let totalWeight = plan.sites.reduce(0) { $0 + $1.1 }
        var session = ""
        for (k, day) in days.enumerated() {
            let n = (k + 1) * count / days.count - k * count / days.count
            if n == 0 { continue }
            // Continuous plans keep one session for three days; others start one each day.
            if !plan.continuous || k % 3 == 0 || session.isEmpty { session = rng.hex(20) }
            var times: [Double] = (0..<n).map { _ in
                plan.continuous ? rng.unit() * 24 : plan.startHourUTC + rng.unit() * plan.spanHours
            }
            times.sort()
            let trip = plan.trips.first { day >= $0.from && day <= $0.to }
            let fixedSite = trip?.site ?? plan.specialDays[day]
            for hour in times {
                let site = fixedSite ?? pickSite(plan.sites, totalWeight, &rng)
                let seconds = Int64(day) * 86400 + Int64(hour * 3600)
                sink(GenLoginEvent(
                    eventId: rng.uuid(), qualifier: Int64(bitPattern: rng.next()), at: seconds, millis: rng.below(1000), account: plan.account,
                    displayName: plan.displayName, site: site, success: !rng.chance(plan.failureRate),
                    device: plan.devices[rng.below(plan.devices.count)], locale: plan.locale,
                    sessionId: session))
            }
        }
    }

    private static func pickSite(_ sites: [(GenSite, Double)], _ total: Double, _ rng: inout SplitMix64) -> GenSite {
        var r = rng.unit() * total
        for (site, w) in sites {
            r -= w
            if r < 0 { return site }
        }
        return sites[sites.count - 1].0
    }
}
