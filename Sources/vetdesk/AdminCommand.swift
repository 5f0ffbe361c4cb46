import ArgumentParser
import Foundation
import VetdeskCore

/// `vetdesk admin`: set-up tasks for whoever runs the host.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Host set-up: prepare a store shared by a team.",
        subcommands: [InitTeamCommand.self])
}

/// Prepares the store's folder for a team (docs/deployment.md, "Team deployment").
struct InitTeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init-team",
        abstract: "Share the store with a Unix group: folder group-owned and setgid (2770), files 0660, team.yaml.",
        discussion: "Run as root (or the folder's owner, a member of the group). Analysts are members of --group; "
            + "observers are members of both groups and get the console read-only. Decisions are then recorded "
            + "under each analyst's Unix account; --analyst and VETDESK_ANALYST are refused.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Unix group of the analysts (must exist).") var group: String
    @Option(help: "Unix group of read-only observers (must exist).") var readonlyGroup: String?

    func run() throws {
        guard let gid = UnixUser.gid(ofGroup: group) else {
            throw VetdeskError.invalidArgument("no Unix group '\(Sanitize.forDisplay(group))' (create it first: groupadd \(Sanitize.forDisplay(group)))")
        }
        if let ro = readonlyGroup, UnixUser.gid(ofGroup: ro) == nil {
            throw VetdeskError.invalidArgument("no Unix group '\(Sanitize.forDisplay(ro))' (create it first: groupadd \(Sanitize.forDisplay(ro)))")
        }
        let store = global.paths.store
        let dir = (store as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try check(chown(dir, uid_t.max, gid), "chgrp \(dir)")   // uid_t.max (-1): keep the owner
        try check(chmod(dir, 0o2770), "chmod 2770 \(dir)")
        let policy = TeamPolicy(group: group, readonlyGroup: readonlyGroup)
        let file = TeamPolicy.file(storePath: store)
        try policy.yaml().write(toFile: file, atomically: true, encoding: .utf8)
        try check(chown(file, uid_t.max, gid), "chgrp \(file)")
        try check(chmod(file, 0o640), "chmod 640 \(file)")   // readable by the team, written by its owner only
        _ = try Store(path: store)   // creates or migrates it; team.yaml makes its files 0660
        for suffix in ["", "-wal", "-shm", ".lock"] where FileManager.default.fileExists(atPath: store + suffix) {
            try check(chown(store + suffix, uid_t.max, gid), "chgrp \(store + suffix)")
            try check(chmod(store + suffix, 0o660), "chmod 660 \(store + suffix)")
        }
        print("team store \(Sanitize.forDisplay(store)): folder 2770 group \(Sanitize.forDisplay(group)), files 0660"
              + (readonlyGroup.map { ", read-only group \(Sanitize.forDisplay($0))" } ?? ""))
    }

    func check(_ rc: Int32, _ what: String) throws {
        if rc != 0 { throw VetdeskError.io("\(Sanitize.forDisplay(what)): \(String(cString: strerror(errno)))") }
    }
}
