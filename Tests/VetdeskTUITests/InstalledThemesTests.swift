import Foundation
import Testing
import VetdeskCore
@testable import VetdeskTUI

/// Themes of an installed binary: the built-in default, share/vetdesk/themes beside the binary's
/// prefix, the user's folders, and never the working directory.
@Suite struct InstalledThemesTests {
    func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "vetdesk-inst-themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func defaultThemeIsBuiltInWhenNoFileExists() throws {
        let catalog = ThemeCatalog(directories: [try tempDir()])
        #expect(catalog.names() == ["default"])
        let theme = try catalog.load("default")
        #expect(theme.name == "default")
        for role in Role.allCases { #expect(theme.styles[role] != nil, "built-in default lacks \(role)") }
        // Another theme may inherit from it.
        let dir = try tempDir()
        try "name: mine\ninherits: default\nroles:\n  title: { fg: red }\n".write(toFile: dir + "/mine.yaml", atomically: true, encoding: .utf8)
        #expect(try ThemeCatalog(directories: [dir]).load("mine").styles[.border] == theme.styles[.border])
    }

    @Test func builtInDefaultIsTheShippedFile() throws {
        let file = try String(contentsOfFile: ThemeTests.shippedDir + "/default.yaml", encoding: .utf8)
        #expect(ThemeCatalog.builtinDefaultYAML + "\n" == file, "themes/default.yaml changed: run scripts/embed-builtin-files.sh")
    }

    @Test func installedThemesAreFoundFromTheBinarysPrefixNotTheWorkingDirectory() throws {
        let root = try tempDir()
        try FileManager.default.createDirectory(atPath: root + "/prefix/share/vetdesk/themes", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ThemeTests.shippedDir + "/light.yaml", toPath: root + "/prefix/share/vetdesk/themes/light.yaml")
        let env = ["HOME": root + "/home", "XDG_DATA_DIRS": root + "/sys"]
        let paths = StorePaths.resolve(environment: env, executable: root + "/prefix/bin/vetdesk")
        let catalog = ThemeCatalog.standard(paths: paths, executable: root + "/prefix/bin/vetdesk")
        #expect(catalog.directories == [root + "/home/.config/vetdesk/themes", root + "/home/.local/share/vetdesk/themes",
                                        root + "/prefix/share/vetdesk/themes", root + "/sys/vetdesk/themes"])
        #expect(try catalog.load("light").name == "light")
        #expect(!catalog.directories.contains(FileManager.default.currentDirectoryPath + "/themes"))
    }

    @Test func aSourceCheckoutBuildFindsTheCheckoutsThemes() throws {
        let root = try tempDir()
        try "// swift-tools-version: 6.0\n".write(toFile: root + "/Package.swift", atomically: true, encoding: .utf8)
        #expect(ThemeCatalog.checkoutThemes(executable: root + "/.build/x86_64-unknown-linux-gnu/debug/vetdesk") == root + "/themes")
        #expect(ThemeCatalog.checkoutThemes(executable: root + "/bin/vetdesk") == nil)
        #expect(ThemeCatalog.checkoutThemes(executable: "/tmp/none/.build/x/debug/vetdesk") == nil)
    }
}
