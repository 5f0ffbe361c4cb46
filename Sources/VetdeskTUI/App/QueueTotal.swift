import VetdeskCore

/// The exact queue total without a COUNT over the whole join: a view that narrows by status only
/// (all, new, escalated) is the sum of the header's counts. Issue 13: at start-up the console used
/// to read the first page a second time after the first frame just to learn this total.
enum QueueTotal {
    /// The total for `q` from counts by status, or nil when `q` narrows by more than status.
    static func fromCounts(_ q: QueueQuery, _ counts: [CaseStatus: Int]) -> Int? {
        guard q.minRisk == nil, q.assignee == nil, q.text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return q.statuses.isEmpty ? counts.values.reduce(0, +) : q.statuses.reduce(0) { $0 + (counts[$1] ?? 0) }
    }
}
