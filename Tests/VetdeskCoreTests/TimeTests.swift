import Testing
@testable import VetdeskCore

@Suite struct TimeTests {
    @Test func parsesRFC3339Variants() {
        #expect(Time.parse("1970-01-01T00:00:00Z") == 0)
        #expect(Time.parse("2026-03-02T07:14:00Z") == 1772435640)
        #expect(Time.parse("2026-03-02T07:14:00.123456Z") == 1772435640)
        #expect(Time.parse("2026-03-02T16:14:00+09:00") == 1772435640)
        #expect(Time.parse("2026-03-02 07:14:00") == 1772435640)
        #expect(Time.parse("2026-03-02") == 1772409600)
        #expect(Time.parse("2026-02-30") == nil)
        #expect(Time.parse("yesterday") == nil)
        #expect(Time.parse("2026-03-02T07:14:00Zjunk") == nil)
    }
    @Test func formatsAndSplits() {
        #expect(Time.iso(1772435640) == "2026-03-02T07:14:00Z")
        #expect(Time.weekday(1772435640) == 0) // 2 March 2026 is a Monday
        #expect(Time.hour(1772435640) == 7)
        #expect(Time.short(1772435640) == "2026-03-02 07:14Z")
        #expect(Time.day(1772409600 + 86399) == "2026-03-02")
        #expect(Time.iso(0) == "1970-01-01T00:00:00Z")
        #expect(Time.short(4_102_444_800) == "2100-01-01 00:00Z")
        #expect(Time.day(951_782_400) == "2000-02-29")
        #expect(Time.iso(-1) == "1969-12-31T23:59:59Z")
    }
}
