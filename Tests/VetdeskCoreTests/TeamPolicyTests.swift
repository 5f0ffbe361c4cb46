import Foundation
import Testing
@testable import VetdeskCore

/// Team stores: the recorded analyst is the Unix user, observers are read-only, files are 0660;
/// a personal store keeps the flag/environment/login name and 0600.
@Suite("Team policy and store access")
struct TeamPolicyTests {
    func teamStore(_ yaml: String?) throws -> String {
        let dir = NSTemporaryDirectory() + "vetdesk-team-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let yaml { try yaml.write(toFile: dir + "/team.yaml", atomically: true, encoding: .utf8) }
        return dir + "/store.sqlite"
    }

    let alice = UnixUser(name: "alice", uid: 1001, groups: [100, 500])
    let carol = UnixUser(name: "carol", uid: 1003, groups: [100, 500, 501])
    func gid(_ name: String) -> gid_t? { ["vetdesk": 500, "vetdesk-ro": 501][name] }

    @Test func personalStoreKeepsTheFlagAndIsOwnerOnly() throws {
        let store = try teamStore(nil)
        let a = try StoreAccess.resolve(storePath: store, flag: "someone", environment: [:], user: alice, groupID: gid)
        #expect(a.analyst == "someone" && a.team == nil && !a.readonly)
        #expect(TeamPolicy.fileMode(storePath: store) == 0o600)
        _ = try Store(path: store)
        #expect((try FileManager.default.attributesOfItem(atPath: store)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func teamStoreRecordsTheUnixUserAndRefusesOtherNames() throws {
        let store = try teamStore(TeamPolicy(group: "vetdesk", readonlyGroup: "vetdesk-ro").yaml())
        let a = try StoreAccess.resolve(storePath: store, flag: nil, environment: ["USER": "mallory"], user: alice, groupID: gid)
        #expect(a.analyst == "alice" && !a.readonly && a.team?.group == "vetdesk")
        #expect(try StoreAccess.resolve(storePath: store, flag: "alice", environment: [:], user: alice, groupID: gid).analyst == "alice")
        #expect(throws: VetdeskError.self) {
            try StoreAccess.resolve(storePath: store, flag: "bob", environment: [:], user: alice, groupID: gid)
        }
        #expect(throws: VetdeskError.self) {
            try StoreAccess.resolve(storePath: store, flag: nil, environment: ["VETDESK_ANALYST": "bob"], user: alice, groupID: gid)
        }
    }

    @Test func observersAndThoseWhoCannotWriteAreReadOnly() throws {
        let store = try teamStore("group: vetdesk\nreadonly_group: vetdesk-ro\n")
        let c = try StoreAccess.resolve(storePath: store, flag: nil, environment: [:], user: carol, groupID: gid)
        #expect(c.readonlyReason?.contains("vetdesk-ro") == true)
        #expect(throws: VetdeskError.self) { try c.writer() }
        let noWrite = try StoreAccess.resolve(storePath: store, flag: nil, environment: [:], user: alice, groupID: gid,
                                              canWrite: { _ in false })
        #expect(noWrite.readonlyReason?.contains("no write permission") == true && !noWrite.fileWritable)
    }

    @Test func teamFilesAreGroupReadWrite() throws {
        let store = try teamStore("group: vetdesk\n")
        #expect(TeamPolicy.fileMode(storePath: store) == 0o660)
        _ = try Store(path: store)
        for f in [store, store + ".lock"] {
            #expect((try FileManager.default.attributesOfItem(atPath: f)[.posixPermissions] as? Int) == 0o660, "\(f)")
        }
    }

    @Test func badPolicyFilesNameTheFileAndKey() throws {
        let unknown = try teamStore("group: vetdesk\nowner: root\n")
        #expect { try TeamPolicy.load(storePath: unknown) } throws: { "\($0)".contains("team.yaml") && "\($0)".contains("owner") }
        let noGroup = try teamStore("readonly_group: x\n")
        #expect { try TeamPolicy.load(storePath: noGroup) } throws: { "\($0)".contains("group") }
        #expect(try TeamPolicy.load(storePath: try teamStore(TeamPolicy(group: "g", readonlyGroup: "r").yaml()))
                == TeamPolicy(group: "g", readonlyGroup: "r"))
    }
}
