import Testing
import VetdeskCore
@testable import VetdeskTUI

extension ReducerTests {
    /// A team observer is told why the session is read-only, each time a change is refused.
    @Test func readonlyRefusalSaysWhy() throws {
        var s = loadedState(try TestStore().rows())
        s.readonly = true
        s.readonlyReason = "member of the read-only group 'vetdesk-ro'"
        _ = press(&s, .char("e"))
        #expect(s.dialog == nil)
        #expect(s.flash?.text == "read-only session (member of the read-only group 'vetdesk-ro'): decisions and notes are disabled")
    }
}
