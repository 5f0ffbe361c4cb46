import VetdeskCore

/// Runs the Lists screen's effect: the lists and their hits are read on the background worker
/// with a connection of its own (the UI thread only draws), or inline where no worker is set (tests).
enum ListsLoader {
    static func perform(_ effect: ListsEffect, store: Store, background: BackgroundJobs?) -> [Action] {
        switch effect {
        case .load:
            guard let background else { return [load(store)] }
            let path = store.path
            background.start { post in
                do { post(load(try Store(path: path, readOnly: true))) } catch { post(.lists(.failed("\(error)"))) }
            }
            return []
        }
    }

    static func load(_ store: Store) -> Action {
        do {
            let lists = ListStore(store: store)
            return .lists(.loaded(ListsData(lists: try lists.summaries(), hits: try lists.currentHits())))
        } catch {
            return .lists(.failed("\(error)"))
        }
    }
}
