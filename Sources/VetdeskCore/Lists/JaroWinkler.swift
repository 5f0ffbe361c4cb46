/// Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4) on Unicode scalars.
public enum JaroWinkler {
    public static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if s.isEmpty || t.isEmpty { return 0 }
        let window = max(0, max(s.count, t.count) / 2 - 1)
        var sm = [Bool](repeating: false, count: s.count), tm = [Bool](repeating: false, count: t.count)
        var matches = 0
        for i in 0..<s.count {
            let lo = max(0, i - window), hi = min(t.count - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !tm[j] && s[i] == t[j] { sm[i] = true; tm[j] = true; matches += 1; break }
        }
        if matches == 0 { return 0 }
        var transpositions = 0, k = 0
        for i in 0..<s.count where sm[i] {
            while !tm[k] { k += 1 }
            if s[i] != t[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, s.count, t.count) && s[prefix] == t[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}
