import Foundation
import Testing
@testable import VetdeskTUI

@Suite struct ThemeTests {
    static let shippedDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../themes").standardizedFileURL.path

    func tempDir() -> String {
        let d = NSTemporaryDirectory() + "vetdesk-themes-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func atLeastFiveShippedThemesParseWithEveryRoleResolved() throws {
        let catalog = ThemeCatalog(directories: [Self.shippedDir])
        let names = catalog.names()
        for required in ["default", "light", "high-contrast", "colorblind", "monochrome"] {
            #expect(names.contains(required), "themes/ lacks \(required): \(names)")
        }
        for name in names {
            let theme = try catalog.load(name)
            #expect(theme.name == name)
            for role in Role.allCases { #expect(theme.styles[role] != nil, "\(name) lacks \(role)") }
            for depth in ColorDepth.allCases {
                for role in Role.allCases {
                    let style = theme.style(role)
                    for spec in [style.fg, style.bg].compactMap({ $0 }) {
                        let v = spec.resolve(depth)
                        switch depth {
                        case .none: #expect(v == -1)
                        case .eight: #expect((-1...7).contains(v), "\(name).\(role) -> \(v) at 8 colours")
                        case .c256: #expect((-1...255).contains(v))
                        case .direct: #expect((-1...0xFFFFFF).contains(v))
                        }
                    }
                }
            }
        }
    }

    @Test func selectionDiffersFromNormalInEveryTheme() throws {
        let catalog = ThemeCatalog(directories: [Self.shippedDir])
        for name in catalog.names() {
            let t = try catalog.load(name)
            #expect(t.style(.selected) != t.style(.normal), "\(name): selection invisible")
        }
        let mono = try catalog.load("monochrome")
        for role in Role.allCases {
            let s = mono.style(role)
            for spec in [s.fg, s.bg].compactMap({ $0 }) { #expect(spec.alternatives == [.terminalDefault]) }
        }
    }

    @Test func colourFallbacksFollowTheTerminalDepth() throws {
        let spec = try ColorSpec(parsing: "#ff5f5f 203 red")
        #expect(spec.resolve(.direct) == 0xFF5F5F)
        #expect(spec.resolve(.c256) == 203)
        #expect(spec.resolve(.eight) == 1)
        #expect(spec.resolve(.none) == -1)
        #expect(try ColorSpec(parsing: "#5fafff").resolve(.c256) == 75)
        #expect(try ColorSpec(parsing: "default").resolve(.c256) == -1)
        #expect(try ColorSpec(parsing: "196").resolve(.eight) == 1, "256-index red maps to red, not black")
    }

    @Test func badThemesGiveClearErrors() throws {
        let dir = tempDir()
        func check(_ yaml: String, _ fragment: String) throws {
            try yaml.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
            #expect {
                try ThemeCatalog(directories: [dir, Self.shippedDir]).load("bad")
            } throws: { error in
                "\(error)".contains(fragment) && "\(error)".contains("bad.yaml")
            }
        }
        try check("name: bad\nroles:\n  selected: { fg: purpel }\n", "roles.selected.fg: unknown colour 'purpel'")
        try check("name: bad\nroles:\n  selectd: { fg: red }\n", "roles.selectd: unknown role")
        try check("name: bad\nroles:\n  normal: { fg: red }\n", "roles not defined")
        try check("name: bad\nroles:\n  normal: { attrs: [blink] }\n", "unknown attribute 'blink'")
        try check("name: [unclosed\n", "not valid YAML")
        #expect { try ThemeCatalog(directories: [dir]).load("nosuch") } throws: { "\($0)".contains("no theme 'nosuch'") }
    }

    @Test func userThemeInheritsAndOverridesShippedRoles() throws {
        let user = tempDir()
        try """
        name: mine
        inherits: default
        roles:
          selected: { fg: white, bg: "#870000 88 red", attrs: [bold] }
        """.write(toFile: user + "/mine.yaml", atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(directories: [user, Self.shippedDir])
        #expect(catalog.names().contains("mine"))
        let mine = try catalog.load("mine")
        let base = try catalog.load("default")
        #expect(mine.style(.selected).bg?.resolve(.c256) == 88)
        #expect(mine.style(.header) == base.style(.header))
    }
}
