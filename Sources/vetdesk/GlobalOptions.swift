import ArgumentParser
import VetdeskCore

struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Store file (default: $VETDESK_STORE, else $XDG_DATA_HOME/vetdesk/store.sqlite).")
    var store: String?

    var paths: StorePaths { StorePaths.resolve(explicitStore: store) }
    func openStore() throws -> Store { try Store.openForUser(path: paths.store) }
}

/// VetdeskCore has a `Flag` model (a fired rule); in command files `@Flag` means the argument
/// parser's. Refer to the model as `VetdeskCore.Flag` here.
typealias Flag = ArgumentParser.Flag
