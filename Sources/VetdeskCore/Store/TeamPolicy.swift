import Foundation
import Yams

/// A store shared by analysts who sign in with their own Unix accounts (docs/deployment.md, "Team
/// deployment"). `vetdesk admin init-team` makes the store's folder group-owned and setgid (2770)
/// and writes `team.yaml` beside the store; from then on its files are kept 0660 (not 0600), the
/// analyst recorded is the signed-in Unix user (real uid), and members of the read-only group, or
/// anyone who cannot write the store, act read-only. Without team.yaml a store is personal (0600).
public struct TeamPolicy: Sendable, Equatable {
    public var group: String
    public var readonlyGroup: String?

    public init(group: String, readonlyGroup: String? = nil) { self.group = group; self.readonlyGroup = readonlyGroup }

    public static let fileName = "team.yaml"

    public static func file(storePath: String) -> String {
        ((storePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(fileName)
    }

    /// The policy beside the store, nil for a personal store.
    public static func load(storePath: String) throws -> TeamPolicy? {
        let path = file(storePath: storePath)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw VetdeskError.io("\(path): cannot read the team policy")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw VetdeskError.malformed(file: path, location: "YAML", field: nil, message: "\(error)")
        }
        var policy = TeamPolicy(group: "")
        for (k, v) in root?.mapping ?? [:] {
            switch k.string ?? "" {
            case "group": policy.group = v.string ?? ""
            case "readonly_group": policy.readonlyGroup = v.string.flatMap { $0.isEmpty ? nil : $0 }
            case let key: throw VetdeskError.malformed(file: path, location: "line \(k.mark?.line ?? 0)", field: key,
                                                        message: "unknown key; expected group, readonly_group")
            }
        }
        guard !policy.group.isEmpty else {
            throw VetdeskError.malformed(file: path, location: "top level", field: "group", message: "missing")
        }
        return policy
    }

    public func yaml() -> String {
        "# Written by `vetdesk admin init-team`: this store is shared by the Unix group below.\n"
            + "group: \(group)\n" + (readonlyGroup.map { "readonly_group: \($0)\n" } ?? "")
    }

    /// Mode for the store and its side files: group read-write in a team folder, else owner-only.
    public static func fileMode(storePath: String) -> mode_t {
        FileManager.default.fileExists(atPath: file(storePath: storePath)) ? 0o660 : 0o600
    }
}

/// The Unix account a process runs for: real uid (not effective, not $USER), and its groups.
public struct UnixUser: Sendable, Equatable {
    public var name: String
    public var uid: uid_t
    public var groups: Set<gid_t>

    public init(name: String, uid: uid_t, groups: Set<gid_t>) { self.name = name; self.uid = uid; self.groups = groups }

    public static func current() -> UnixUser {
        let uid = getuid()
        let name = getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid\(uid)"
        var gids = [gid_t](repeating: 0, count: Int(max(getgroups(0, nil), 0)) + 1)
        let n = getgroups(Int32(gids.count), &gids)
        return UnixUser(name: name, uid: uid, groups: Set(gids.prefix(Int(max(n, 0)))).union([getgid()]))
    }

    public static func gid(ofGroup name: String) -> gid_t? { getgrnam(name).map { $0.pointee.gr_gid } }
}

/// Who acts on a store, and whether they may change it.
public struct StoreAccess: Sendable, Equatable {
    public var analyst: String
    public var team: TeamPolicy?
    /// Why this session cannot write, nil when it can.
    public var readonlyReason: String?
    /// False when the OS refuses writing the store file: open it with `Store(path:readOnly:)`.
    public var fileWritable = true

    public var readonly: Bool { readonlyReason != nil }

    /// Personal store: `--analyst`, else `$VETDESK_ANALYST`, else the login name (as before).
    /// Team store: the Unix user, always; a different name from the flag or the environment is
    /// refused rather than ignored, so nobody believes they recorded under it.
    public static func resolve(storePath: String, flag: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               user: UnixUser = .current(),
                               groupID: (String) -> gid_t? = UnixUser.gid(ofGroup:),
                               canWrite: (String) -> Bool = { access($0, W_OK) == 0 || errno == ENOENT }) throws -> StoreAccess {
        guard let team = try TeamPolicy.load(storePath: storePath) else {
            return StoreAccess(analyst: try AnalystName.resolve(option: flag, environment: environment), team: nil, readonlyReason: nil)
        }
        let claimed = [("--analyst", flag), ("VETDESK_ANALYST", environment["VETDESK_ANALYST"])]
        for (source, value) in claimed {
            if let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty, v != user.name {
                throw VetdeskError.invalidArgument("this store is shared by group '\(Sanitize.forDisplay(team.group))': "
                    + "decisions are recorded under your Unix account '\(Sanitize.forDisplay(user.name))'; "
                    + "\(source) '\(Sanitize.forDisplay(v))' is refused")
            }
        }
        var reason: String? = nil
        let writable = canWrite(storePath)
        if let ro = team.readonlyGroup, let gid = groupID(ro), user.groups.contains(gid) {
            reason = "member of the read-only group '\(ro)'"
        } else if !writable {
            reason = "no write permission on \(storePath)"
        }
        return StoreAccess(analyst: user.name, team: team, readonlyReason: reason, fileWritable: writable)
    }

    /// The analyst name for a change, or the reason it is refused.
    public func writer() throws -> String {
        if let readonlyReason { throw VetdeskError.invalidArgument("read-only: \(readonlyReason)") }
        return analyst
    }
}
