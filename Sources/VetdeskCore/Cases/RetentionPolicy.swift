import Foundation
import Yams

/// How long Vetdesk keeps what (retention.yaml; defaults in docs/privacy.md). Only cleared cases age out:
/// escalated and referred cases are under legal hold, and open cases are still being decided.
public struct RetentionPolicy: Sendable, Equatable, Decodable {
    /// Sign-in, endpoint and transfer events of a candidate cleared this many days ago are deleted.
    public var clearedEventsDays: Int = 90
    /// A candidate cleared this many days ago is pseudonymised: identifying fields emptied, payments and
    /// checks deleted, history notes redacted (the chain keeps verifying).
    public var clearedPseudonymiseDays: Int = 365

    public init(clearedEventsDays: Int = 90, clearedPseudonymiseDays: Int = 365) {
        self.clearedEventsDays = clearedEventsDays
        self.clearedPseudonymiseDays = clearedPseudonymiseDays
    }

    enum CodingKeys: String, CodingKey {
        case clearedEventsDays = "cleared_events_days", clearedPseudonymiseDays = "cleared_pseudonymise_days"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clearedEventsDays = try c.decodeIfPresent(Int.self, forKey: .clearedEventsDays) ?? 90
        clearedPseudonymiseDays = try c.decodeIfPresent(Int.self, forKey: .clearedPseudonymiseDays) ?? 365
    }

    /// Reads a policy file; unknown keys and nonsensical periods are errors naming the file.
    public static func load(path: String) throws -> RetentionPolicy {
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw VetdeskError.io("cannot read \(Sanitize.forDisplay(path))")
        }
        let known = Set(["cleared_events_days", "cleared_pseudonymise_days"])
        if let keys = (try? Yams.load(yaml: text)) as? [String: Any] {
            for key in keys.keys where !known.contains(key) {
                throw VetdeskError.invalidArgument("\(Sanitize.forDisplay(path)): unknown setting '\(Sanitize.forDisplay(key))' "
                    + "(known: \(known.sorted().joined(separator: ", ")))")
            }
        }
        let policy: RetentionPolicy
        do {
            policy = try YAMLDecoder().decode(RetentionPolicy.self, from: text)
        } catch {
            throw VetdeskError.invalidArgument("\(Sanitize.forDisplay(path)): \(error)")
        }
        guard policy.clearedEventsDays >= 1, policy.clearedPseudonymiseDays >= policy.clearedEventsDays else {
            throw VetdeskError.invalidArgument("\(Sanitize.forDisplay(path)): periods must be ≥ 1 day and "
                + "cleared_pseudonymise_days ≥ cleared_events_days")
        }
        return policy
    }
}
