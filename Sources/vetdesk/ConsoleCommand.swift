import ArgumentParser
import Foundation
import VetdeskCore
import VetdeskTUI

/// The triage console (the default subcommand: `vetdesk` alone opens it).
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the triage console (ncurses; keys: ? for help).")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Analyst name recorded with decisions (default: the login user).")
    var analyst: String?

    @Flag(help: "Observer mode: browse only; decisions, notes and assignment are refused.")
    var readonly = false

    @Option(help: "Theme name: a file in themes/ or $XDG_CONFIG_HOME/vetdesk/themes (default, light, high-contrast, colorblind, monochrome).")
    var theme: String = "default"

    @Flag(help: "ASCII borders and glyphs only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set); attributes carry state.")
    var noColor = false

    @Flag(help: "Screen-reader mode: keep the terminal's real cursor on the selected row.")
    var cursor = false

    func run() throws {
        // Same identity as the CLI's decisions, so history names one analyst however they acted.
        // On a team store the Unix user, and read-only for observers (TeamPolicy).
        let access = try global.access(analyst: analyst)
        var options = ConsoleOptions(analyst: access.analyst, readonly: readonly || access.readonly, themeName: theme,
                                     ascii: ascii, noColor: noColor, cursor: cursor, paths: global.paths)
        options.readonlyReason = access.readonlyReason
        let store = try global.openStore(for: access)
        let status = try ConsoleRuntime(store: store, options: options).run()
        if status != 0 { throw ExitCode(status) }
    }
}
