import Testing
@testable import VetdeskCore

/// Each test builds one candidate where the rule must fire and one near miss where it must not.
@Suite struct RuleIdentityTests {
    let t0 = RuleFixture.t0
    let day: Int64 = 86400

    @Test func videoAvoidance() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell")
        try fx.candidate("N", "Ann Lee")
        try fx.insert(Interview(id: "i1", candidateId: "F", scheduledAt: t0, kind: "video", outcome: "held", camera: "broken", notes: "camera broken"))
        try fx.insert(Interview(id: "i2", candidateId: "F", scheduledAt: t0 + day, kind: "video", outcome: "rescheduled"))
        // Near miss: one reschedule, then a held interview with the camera on.
        try fx.insert(Interview(id: "i3", candidateId: "N", scheduledAt: t0, kind: "video", outcome: "rescheduled"))
        try fx.insert(Interview(id: "i4", candidateId: "N", scheduledAt: t0 + day, kind: "video", outcome: "held", camera: "on"))
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "video_avoidance"))
        #expect(f.summary.contains("camera off/refused/broken in 1 interview"))
        #expect(f.evidence.map(\.ref) == ["i1"])
        #expect(f.evidence[0].kind == .interview)
        #expect(try fx.flag("N", "video_avoidance") == nil)
    }

    @Test func idCheckFailedAndCountryMismatch() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US"])
        try fx.candidate("N", "Ann Lee", ["declared_country": "DE"])
        try fx.insert(IdentityCheck(id: "k1", candidateId: "F", checkedAt: t0, provider: "Onfido", documentType: "passport",
                                    documentCountry: "UA", result: "passed", faceMatch: false))
        try fx.insert(IdentityCheck(id: "k2", candidateId: "N", checkedAt: t0, documentType: "id_card", documentCountry: "DE",
                                    result: "review", faceMatch: true))
        try fx.rescoreAll()
        let failed = try #require(try fx.flag("F", "id_check_failed"))
        #expect(failed.summary.contains("face mismatch"))
        #expect(failed.evidence.first?.ref == "k1")
        let country = try #require(try fx.flag("F", "id_country_mismatch"))
        #expect(country.summary == "ID document from UA but declared residence US")
        #expect(try fx.flag("N", "id_check_failed") == nil)
        #expect(try fx.flag("N", "id_country_mismatch") == nil)
    }

    @Test func profileInconsistency() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US", "profile_name": "Kim Chol", "profile_location": "US"])
        // Near miss: diacritics, order and a middle initial differ only.
        try fx.candidate("N", "José Álvarez", ["declared_country": "ES", "profile_name": "ALVAREZ, Jose M.", "profile_location": "ES"])
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "profile_inconsistency"))
        #expect(f.summary.contains("profile name 'Kim Chol'"))
        #expect(f.evidence.contains { $0.ref == "profile_name" })
        #expect(try fx.flag("N", "profile_inconsistency") == nil)
    }

    @Test func sharedIdentityArtifacts() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell", ["email": "dev.star@mail.test", "resume_hash": "abc123"])
        try fx.candidate("B", "Tom Hale", ["email": "Dev.Star@mail.test"])
        try fx.candidate("C", "Eve Park", ["resume_hash": "abc123"])
        try fx.candidate("N", "Ann Lee", ["email": "ann@mail.test", "resume_hash": "zzz"])
        try fx.rescoreAll()
        let a = try #require(try fx.flag("A", "shared_identity_artifacts"))
        #expect(a.summary.contains("email") && a.summary.contains("resume"))
        #expect(Set(a.evidence.filter { $0.kind == .candidate }.map(\.ref)) == ["B", "C"])
        #expect(a.evidence.contains { $0.detail == "also email of B Tom Hale" })
        let b = try #require(try fx.flag("B", "shared_identity_artifacts"))
        #expect(b.evidence.contains { $0.ref == "A" })
        #expect(try fx.flag("N", "shared_identity_artifacts") == nil)
    }

    @Test func sharedDeviceCountsAsArtifact() throws {
        let fx = try RuleFixture()
        try fx.candidate("A", "Jon Bell")
        try fx.candidate("B", "Tom Hale")
        try fx.device("A", "LAPTOP-77", managed: true, first: t0)
        try fx.device("B", "LAPTOP-77", managed: true, first: t0)
        try fx.rescoreAll()
        let a = try #require(try fx.flag("A", "shared_identity_artifacts"))
        #expect(a.summary.contains("login device"))
        #expect(a.evidence.contains { $0.kind == .device && $0.ref == "LAPTOP-77" })
        #expect(a.evidence.contains { $0.kind == .candidate && $0.ref == "B" })
    }

    @Test func voipPhone() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["phone": "+15550100", "phone_type": "voip"])
        try fx.candidate("N", "Ann Lee", ["phone": "+4915100", "phone_type": "mobile", "phone_changes": 1])
        try fx.rescoreAll()
        #expect(try fx.flag("F", "voip_phone")?.summary == "Phone +15550100 is VoIP")
        #expect(try fx.flag("N", "voip_phone") == nil)
    }

    @Test func freshAccounts() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["applied_at": t0, "email_created_at": t0 - 30 * day, "profile_created_at": t0 - 60 * day])
        // Near miss: fresh email, seasoned profile.
        try fx.candidate("N", "Ann Lee", ["applied_at": t0, "email_created_at": t0 - 30 * day, "profile_created_at": t0 - 900 * day])
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "fresh_accounts"))
        #expect(f.summary == "Email (30 d) and profile (60 d) both younger than 180 days")
        #expect(try fx.flag("N", "fresh_accounts") == nil)
    }

    @Test func codeProfileBackdated() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["github_username": "jbell", "github_created_at": t0, "github_first_commit_at": t0 - 400 * day])
        try fx.candidate("N", "Ann Lee", ["github_username": "alee", "github_created_at": t0 - 400 * day, "github_first_commit_at": t0 - 399 * day])
        try fx.rescoreAll()
        #expect(try fx.flag("F", "code_profile_backdated")?.summary == "jbell created 2026-03-02, 400 days after its first commit 2025-01-26")
        #expect(try fx.flag("N", "code_profile_backdated") == nil)
    }

    @Test func shippingAddressMismatch() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["declared_country": "US", "address": "1 Main St, Austin", "ship_to_address": "9 Elm Rd, Phoenix",
                                            "ship_to_country": "US", "hired_at": t0, "ship_to_changed_at": t0 + 5 * day])
        // Near miss: same country, changed long after hire, not a forwarder.
        try fx.candidate("N", "Ann Lee", ["declared_country": "US", "ship_to_country": "US", "hired_at": t0,
                                           "ship_to_changed_at": t0 + 200 * day])
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "shipping_address_mismatch"))
        #expect(f.summary == "Laptop shipping: ship-to changed 5 days after hire (2026-03-07)")
        #expect(f.evidence.contains { $0.ref == "ship_to_changed_at" })
        #expect(try fx.flag("N", "shipping_address_mismatch") == nil)
    }

    @Test func byodRequest() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["byod_requested": true])
        try fx.candidate("N", "Ann Lee", ["byod_requested": false])
        try fx.rescoreAll()
        #expect(try fx.flag("F", "byod_request") != nil)
        #expect(try fx.flag("N", "byod_request") == nil)
    }

    @Test func watchlistHit() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["email": "Bad.Actor@mail.test", "github_username": "CholDev"])
        try fx.candidate("N", "Ann Lee", ["email": "good@mail.test"])
        try fx.insert(WatchlistEntry(listName: "fbi-2025", kind: "email", value: "bad.actor@mail.test", note: "IC3 tip"))
        try fx.insert(WatchlistEntry(listName: "intel", kind: "handle", value: "choldev"))
        try fx.rescoreAll()
        let f = try #require(try fx.flag("F", "watchlist_hit"))
        #expect(Set(f.evidence.map { $0.detail.components(separatedBy: " ")[0] }) == ["email", "github_username"])
        #expect(f.evidence.contains { $0.detail == "email bad.actor@mail.test on fbi-2025: IC3 tip" })
        #expect(try fx.flag("N", "watchlist_hit") == nil)
    }

    @Test func lowRate() throws {
        let fx = try RuleFixture()
        try fx.candidate("F", "Jon Bell", ["rate_hourly": 30.0, "market_rate_hourly": 90.0, "rate_currency": "USD", "role": "iOS developer"])
        try fx.candidate("N", "Ann Lee", ["rate_hourly": 60.0, "market_rate_hourly": 90.0, "rate_currency": "USD"])
        try fx.rescoreAll()
        #expect(try fx.flag("F", "low_rate")?.summary == "Asks 30 USD/h, 33 % of the 90 USD/h market rate for iOS developer")
        #expect(try fx.flag("N", "low_rate") == nil)
    }

    @Test func referralChain() throws {
        let fx = try RuleFixture()
        // R is escalated; A was referred by R; A referred B. N was referred by a clean candidate.
        try fx.candidate("R", "Kim Ri")
        try fx.candidate("A", "Jon Bell", ["referrer_id": "R"])
        try fx.candidate("B", "Tom Hale", ["referrer_id": "A"])
        try fx.candidate("C", "Clean Person")
        try fx.candidate("N", "Ann Lee", ["referrer_id": "C"])
        try fx.sql("INSERT INTO case_file (candidate_id, status, opened_at, updated_at) VALUES ('R', 'escalated', 0, 0)")
        // B carries a decisive signal of its own, so A is linked to flagged cases both ways.
        try fx.ip("175.45.176.9", country: "KP", asn: 131279, asName: "Star Joint Venture Co. Ltd.")
        try fx.ipUse("B", "175.45.176.9")
        try fx.rescoreAll()
        let a = try #require(try fx.flag("A", "referral_chain"))
        #expect(Set(a.evidence.map(\.ref)) == ["R", "B"])
        #expect(a.evidence.contains { $0.detail.hasPrefix("referred by R Kim Ri: case escalated") })
        #expect(a.evidence.contains { $0.detail.hasPrefix("referred B Tom Hale: score 100") })
        #expect(try fx.flag("N", "referral_chain") == nil)
        #expect(try fx.flag("C", "referral_chain") == nil)
        // The escalation status stays untouched by scoring.
        #expect(try fx.caseFile("R")?.status == .escalated)
    }
}
