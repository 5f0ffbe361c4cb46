import Crypto
import Foundation

/// File facts used as a list's version when the format carries none.
enum ListFiles {
    static func digest(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ListFormatError(path, record: "-", field: "file", "cannot be read")
        }
        return "sha256:" + SHA256.hash(data: data).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    static func modifiedDate(_ path: String) -> String? {
        guard let d = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }

    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ListFormatError(path, record: "-", field: "file", "cannot be read")
        }
        return data
    }
}
