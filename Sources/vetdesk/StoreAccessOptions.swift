import Foundation
import VetdeskCore

extension GlobalOptions {
    /// Who acts on the store and whether they may write (personal or team store, see TeamPolicy).
    func access(analyst flag: String?) throws -> StoreAccess {
        try StoreAccess.resolve(storePath: paths.store, flag: flag)
    }

    /// The store, read-only when the OS refuses writing it.
    func openStore(for access: StoreAccess) throws -> Store {
        access.fileWritable ? try openStore() : try Store(path: paths.store, readOnly: true)
    }
}
