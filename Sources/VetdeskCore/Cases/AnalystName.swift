import Foundation

/// Who is acting: `$VETDESK_ANALYST` when set, else the login user's name from the password database.
public enum AnalystName {
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let name = environment["VETDESK_ANALYST"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            return name
        }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name {
            return String(cString: name)
        }
        return environment["USER"] ?? "uid\(getuid())"
    }
}
