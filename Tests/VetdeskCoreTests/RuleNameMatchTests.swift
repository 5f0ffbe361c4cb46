import Testing
@testable import VetdeskCore

@Suite struct RuleNameMatchTests {
    @Test func latinNamesFoldWithoutFoundation() {
        #expect(NameMatch.latinTokens("ÁLVAREZ, José M.") == ["alvarez", "jose", "m"])
        #expect(NameMatch.latinTokens("Søren Kierkegård") == ["soren", "kierkegard"])
        #expect(NameMatch.latinTokens("Łukasz Dvořák-Weiß") == ["lukasz", "dvorak", "weiss"])
        #expect(NameMatch.latinTokens("Ærø × Œuvre ÿ") == ["aero", "oeuvre", "y"])
        #expect(NameMatch.latinTokens("Иван Петров") == nil) // other scripts go through Foundation
        #expect(NameMatch.tokens("Иван Петров") == ["иван", "петров"])
    }

    @Test func foldedNamesStillMatchTheirVariants() {
        #expect(NameMatch.similarity("ALVAREZ, Jose M.", "José María Álvarez") == 1)
        #expect(NameMatch.similarity("Soren Kierkegaard", "Søren Kierkegård") == 1)
        #expect(NameMatch.similarity("Lukasz Nowak", "Wei Zhang") == 0)
    }
}
