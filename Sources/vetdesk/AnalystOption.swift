import ArgumentParser
import VetdeskCore

/// `--analyst`, else $VETDESK_ANALYST, else the login user, validated (AnalystName): a bad name
/// is a usage error (exit 2), reported before anything is opened or written.
enum AnalystOption {
    static func resolve(_ option: String?) throws -> String {
        do {
            return try AnalystName.resolve(option: option)
        } catch let error as VetdeskError {
            throw ValidationError(error.description)
        }
    }
}
