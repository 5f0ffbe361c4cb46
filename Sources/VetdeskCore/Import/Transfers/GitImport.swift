import Crypto
import Foundation

extension Importer {
    /// `vetdesk import-git PATH`: one repository's commits as transfer events (action `commit`),
    /// through the same session, budget and dry run as audit files. `since`: an ISO date.
    public func importGit(path: String, since: String?, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        let started = DispatchTime.now()
        var sinceInstant: Int64?
        if let since {
            guard let t = Time.parse(since) else {
                throw VetdeskError.io("--since '\(Sanitize.forDisplay(since))' is not an ISO 8601 date")
            }
            sinceInstant = t
        }
        // Git reads a bare date ("2026-01-06") as that day at the current time of day, so commits of
        // that morning were skipped after noon; it is given the parsed instant, in full, instead.
        let log = try GitCommitLog(path: path, since: sinceInstant.map(Time.iso))
        let pipeline = ImportPipeline(options: options, file: path, path: path)
        pipeline.counter = ProgressCounter(options.progress) { log.bytesRead }
        pipeline.counter.publish(phase: "reading")
        var digest = SHA256()
        var lastCommit: String?
        let read: () throws -> TransferRecord? = {
            let r = try log.next()
            if case .event(let e) = r { digest.update(data: Data(e.identity.utf8)); lastCommit = e.identity }
            return r
        }
        let next = pipeline.transfers(next: read, canContinue: { true }, lastText: { lastCommit })
        do {
            let report = try importGit(log: log, next: next, pipeline: pipeline, started: started) {
                digest.finalize().map { String(format: "%02x", $0) }.joined()
            }
            try pipeline.finish()
            return report
        } catch {
            pipeline.failed()
            throw error
        }
    }

    private func importGit(log: GitCommitLog, next: @escaping () throws -> TransferRecord?, pipeline: ImportPipeline,
                           started: DispatchTime, digest: () -> String) throws -> ImportReport {
        if pipeline.options.dryRun {
            var report = try pipeline.dryRun(next, kind: .gitCommits, digest: "", started: started)
            report.sha256 = digest()
            return report
        }
        let now = clock()
        var counts = ImportCounts()
        var summary = TransferImportSummary()
        try ImportSession.run(store: store, fileName: log.repoPath, kind: ImportKind.gitCommits.rawValue, now: now, pacing: pacing) { session in
            let writer = ImportWriter(db: session.db, now: now, checkpoint: session.checkpoint)
            try TransferImport(writer: writer).run(next: next, counts: &counts, summary: &summary)
            try writer.logImport(fileName: log.repoPath, sha256: digest(), kind: .gitCommits, records: counts.records,
                                 inserted: counts.inserted)
        }
        var report = pipeline.report(kind: .gitCommits, digest: digest(), counts: counts, started: started)
        report.transfers = summary
        return report
    }
}
