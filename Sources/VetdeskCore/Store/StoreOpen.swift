import Foundation

extension Store {
    /// The store as this user may use it: read-only when it exists and the OS refuses writing it
    /// (an observer given read access only), so read commands and the console still work.
    public static func openForUser(path: String) throws -> Store {
        if FileManager.default.fileExists(atPath: path), access(path, W_OK) != 0, errno == EACCES || errno == EROFS {
            return try Store(path: path, readOnly: true)
        }
        return try Store(path: path)
    }
}
