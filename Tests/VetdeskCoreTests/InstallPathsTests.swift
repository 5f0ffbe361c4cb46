import Foundation
import Testing
@testable import VetdeskCore

/// The installed layout: share/vetdesk found from the binary's own prefix and XDG_DATA_DIRS, the
/// built-in copies matching the shipped files, and the defaults rules file reading back exactly.
@Suite("Install paths and built-in files")
struct InstallPathsTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardizedFileURL

    func tempDir() throws -> String {
        let d = NSTemporaryDirectory() + "vetdesk-install-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func shareDirsComeFromTheExecutablesPrefixThenXDGDataDirs() {
        let dirs = InstallDirs.search(environment: ["XDG_DATA_DIRS": "/a:relative/x::/b/"],
                                      executable: "/opt/vd/bin/vetdesk")
        #expect(dirs == ["/opt/vd/share/vetdesk", "/a/vetdesk", "/b/vetdesk"])
        // The XDG spec's default when XDG_DATA_DIRS is unset or empty.
        for env in [[:], ["XDG_DATA_DIRS": ""]] {
            #expect(InstallDirs.search(environment: env, executable: "/usr/local/bin/vetdesk")
                    == ["/usr/local/share/vetdesk", "/usr/share/vetdesk"])
        }
    }

    @Test func executablePathIsTheResolvedRunningBinary() throws {
        let exe = try #require(InstallDirs.executablePath())
        #expect(exe.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: exe))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: exe)) == nil, "not resolved: \(exe)")
    }

    @Test func installedRulesFileIsUsedUntilTheUserHasOne() throws {
        let root = try tempDir()
        let env = ["HOME": root, "XDG_CONFIG_HOME": root + "/config", "XDG_DATA_HOME": root + "/data",
                   "XDG_DATA_DIRS": root + "/usr/share"]
        let paths = StorePaths.resolve(environment: env, executable: root + "/prefix/bin/vetdesk")
        #expect(paths.rulesFileInUse == paths.rulesFile)   // nothing installed: the user's (absent) file
        try write("rules: {}\n", root + "/usr/share/vetdesk/rules.yaml")
        #expect(paths.rulesFileInUse == root + "/usr/share/vetdesk/rules.yaml")
        try write("rules: {}\n", root + "/prefix/share/vetdesk/rules.yaml")
        #expect(paths.rulesFileInUse == root + "/prefix/share/vetdesk/rules.yaml")   // own prefix first
        try write("rules: {}\n", paths.rulesFile)
        #expect(paths.rulesFileInUse == paths.rulesFile)
    }

    @Test func installedProvidersReplaceTheBuiltInListAndTheUserFileMergesOver() throws {
        let root = try tempDir()
        let env = ["HOME": root, "XDG_CONFIG_HOME": root + "/config", "XDG_DATA_DIRS": root + "/none"]
        let paths = StorePaths.resolve(environment: env, executable: root + "/prefix/bin/vetdesk")
        let builtIn = try ProviderList.standard(paths: paths)
        #expect(builtIn.providers == (try ProviderList.bundled()).providers)
        try write("providers:\n  - {name: Site VPN, kind: vpn, cidrs: [198.51.100.0/24]}\n",
                  root + "/prefix/share/vetdesk/providers.yaml")
        #expect(try ProviderList.standard(paths: paths).providers.map(\.name) == ["Site VPN"])
        try write("providers:\n  - {name: Office, kind: corporate, cidrs: [203.0.113.0/24]}\n", paths.providersFile)
        #expect(try ProviderList.standard(paths: paths).providers.map(\.name) == ["Site VPN", "Office"])
    }

    @Test func builtInProvidersAreTheShippedFile() throws {
        let file = try String(contentsOf: Self.repo.appendingPathComponent("Sources/VetdeskCore/Resources/providers.yaml"),
                              encoding: .utf8)
        #expect(ProviderList.builtinYAML + "\n" == file,
                "Resources/providers.yaml changed: run scripts/embed-builtin-files.sh")
        #expect(try ProviderList.bundled().providers.count > 5)
    }

    @Test func defaultsYAMLReadsBackToTheDefaults() throws {
        let text = RuleConfig.defaults.yaml(header: ["a header"])
        #expect(text.hasPrefix("# a header\nrules:\n"))
        let back = try RuleConfig.parse(yaml: text, file: "defaults.yaml")
        #expect(back.settings == RuleConfig.defaults.settings)
        for rule in RuleCatalog.all { #expect(text.contains("\n  \(rule.id):"), "\(rule.id) missing") }
    }

    @Test func changedSettingsReadBackExactly() throws {
        var config = RuleConfig.defaults
        let withList = try #require(RuleCatalog.all.first { !$0.lists.isEmpty })
        let withThreshold = try #require(RuleCatalog.all.first { !$0.thresholds.isEmpty })
        config.set(withList.id, enabled: false, weight: 0.1 + 0.2,
                   lists: [withList.lists.keys.sorted()[0]: ["quote \" and: colon", "# hash", "ünï", "[x]"]])
        config.set(withThreshold.id, thresholds: [withThreshold.thresholds.keys.sorted()[0]: 1e-7])
        let back = try RuleConfig.parse(yaml: config.yaml(), file: "changed.yaml")
        #expect(back.settings == config.settings)
    }
}
