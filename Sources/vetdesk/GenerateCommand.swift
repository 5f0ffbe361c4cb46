import ArgumentParser
import Foundation
import VetdeskCore

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic data set (candidates, payments, logins...) in the import formats.",
        discussion: """
            Deterministic: the same options and seed give the same bytes. `--demo` writes the committed \
            demo set (300 candidates, logins split across Okta, Entra, Google and CSV, README answer key). \
            Otherwise all logins go to logins.csv.
            """)

    @Option(help: "Number of candidates.") var candidates: Int?
    @Option(help: "Number of login events in total.") var logins: Int?
    @Option(help: "Output directory (created if missing).") var out: String
    @Option(help: "Seed of the pseudo-random generator.") var seed: UInt64?
    @Option(help: "Instances of each planted ring kind (default: one per 5000 candidates, at least 1).") var rings: Int?
    @Flag(help: "Write the demo set (the defaults of demo-data/).") var demo = false
    @Option(help: "Login output: csv (all in logins.csv) or split (Okta/Entra/Google/CSV).")
    var loginFormat: String?

    func run() throws {
        var options: DataGenerator.Options
        if demo {
            options = .demo
            if let candidates { options.candidates = candidates }
            if let logins { options.logins = logins }
            if let rings { options.ringsPerKind = rings }
        } else {
            guard let candidates, let logins else {
                throw ValidationError("give --candidates and --logins, or --demo")
            }
            options = DataGenerator.Options(candidates: candidates, logins: logins, ringsPerKind: rings)
        }
        if let seed { options.seed = seed }
        if let loginFormat {
            guard let format = DataGenerator.LoginFormat(rawValue: loginFormat) else {
                throw ValidationError("--login-format must be csv or split")
            }
            options.loginFormat = format
        }
        let generator = try DataGenerator(options: options)
        let started = Date()
        let summary = try generator.write(to: URL(fileURLWithPath: out))
        for name in summary.files.keys.sorted() {
            print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(summary.files[name]!)")
        }
        for ring in summary.rings {
            print("ring \(ring.kind.rawValue): \(ring.members.joined(separator: " "))")
        }
        print(String(format: "wrote %d candidates and %d logins to %@ in %.1f s", summary.candidates, summary.logins,
                     out, Date().timeIntervalSince(started)))
    }
}
