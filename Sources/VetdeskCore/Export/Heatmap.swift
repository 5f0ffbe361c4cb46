/// The hour × weekday login heatmap as monospace text: one row per weekday, one column per UTC hour,
/// density shown by a ramp of characters so it survives plain-text mail and terminals.
enum Heatmap {
    static let ramp: [Character] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func text(_ cells: [[Int]]) -> String {
        let peak = cells.flatMap { $0 }.max() ?? 0
        var lines = ["UTC  " + (0..<24).map { String($0 / 10) }.joined(),
                     "hour " + (0..<24).map { String($0 % 10) }.joined()]
        for (d, row) in cells.enumerated() where d < 7 {
            let marks = row.prefix(24).map { n -> Character in
                guard n > 0, peak > 0 else { return " " }
                // Any activity shows at least "."; the busiest hour shows "@".
                return ramp[max(1, Int((Double(n) / Double(peak) * Double(ramp.count - 1)).rounded()))]
            }
            lines.append("\(weekdays[d])  " + String(marks) + "| \(row.reduce(0, +))")
        }
        lines.append("scale: ' ' none, '.' least … '@' most (peak \(peak) in one hour)")
        return lines.joined(separator: "\n")
    }
}
