import Foundation
import VetdeskCore

/// After `import` and `import-git`: rescore what the files changed, and say so unless the output is JSON.
enum ImportRescore {
    static func run(_ store: Store, rulesFile: String, json: Bool) throws -> RescoreReport {
        let config = try RuleConfig.load(path: rulesFile)
        let rescore = try Rescorer(store: store, config: config).rescoreDirty()
        if !json, rescore.asFullRun == true {
            print(String(format: "rescored all %d candidate(s) in %.2f s (the import changed most of them: a full run)",
                         rescore.candidates, rescore.seconds))
        } else if !json {
            print(String(format: "rescored %d candidate(s) (%d changed by the import, %d linked) in %.2f s",
                         rescore.candidates, rescore.dirty, rescore.linked, rescore.seconds))
        }
        return rescore
    }
}
