/// Finds the first syntax error in one JSON value (RFC 8259, UTF-8), for the error message only:
/// records are parsed by JSONSerialization, whose Linux error text says neither where nor what.
/// Runs only on a record that failed to parse, so it favours clarity over speed.
struct JSONSyntaxCheck {
    struct Problem: Error, Equatable { var offset: Int; var message: String }

    private let b: UnsafeBufferPointer<UInt8>
    private var p = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    /// The first problem in `bytes`, which should hold exactly one JSON value (blanks around it allowed).
    static func firstProblem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        var check = JSONSyntaxCheck(bytes)
        do {
            check.blanks()
            try check.value()
            check.blanks()
            if check.p < bytes.count { throw check.problem("unexpected \(check.describe()) after the value") }
            return nil
        } catch let problem as Problem {
            return problem
        } catch {
            return Problem(offset: 0, message: "not valid JSON")
        }
    }

    /// A printable description of the byte at the cursor, for messages.
    private func describe() -> String {
        guard p < b.count else { return "end of record" }
        let c = b[p]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return String(format: "byte 0x%02X", c)
    }

    private func problem(_ message: String) -> Problem { Problem(offset: p, message: message) }

    private mutating func blanks() {
        while p < b.count, b[p] == 0x20 || b[p] == 0x09 || b[p] == 0x0A || b[p] == 0x0D { p += 1 }
    }

    private mutating func value() throws {
        guard p < b.count else { throw problem("the record ends where a value was expected (truncated?)") }
        switch b[p] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw problem("unexpected \(describe()) where a value was expected")
        }
    }

    private mutating func nest() throws {
        depth += 1
        if depth > 512 { throw problem("nested more than 512 levels deep") }
    }

    private mutating func object() throws {
        try nest()
        p += 1
        blanks()
        if p < b.count && b[p] == UInt8(ascii: "}") { p += 1; depth -= 1; return }
        while true {
            blanks()
            guard p < b.count else { throw problem("the record ends inside an object (truncated?)") }
            guard b[p] == UInt8(ascii: "\"") else { throw problem("expected a key in double quotes, found \(describe())") }
            try string()
            blanks()
            guard p < b.count, b[p] == UInt8(ascii: ":") else { throw problem("expected ':' after the key, found \(describe())") }
            p += 1
            blanks()
            try value()
            blanks()
            guard p < b.count else { throw problem("the record ends inside an object (truncated?)") }
            if b[p] == UInt8(ascii: ",") { p += 1; continue }
            if b[p] == UInt8(ascii: "}") { p += 1; depth -= 1; return }
            throw problem("expected ',' or '}' in an object, found \(describe())")
        }
    }

    private mutating func array() throws {
        try nest()
        p += 1
        blanks()
        if p < b.count && b[p] == UInt8(ascii: "]") { p += 1; depth -= 1; return }
        while true {
            blanks()
            try value()
            blanks()
            guard p < b.count else { throw problem("the record ends inside an array (truncated?)") }
            if b[p] == UInt8(ascii: ",") { p += 1; continue }
            if b[p] == UInt8(ascii: "]") { p += 1; depth -= 1; return }
            throw problem("expected ',' or ']' in an array, found \(describe())")
        }
    }

    private mutating func literal(_ word: String) throws {
        for c in word.utf8 {
            guard p < b.count, b[p] == c else { throw problem("unexpected \(describe()) (expected \(word))") }
            p += 1
        }
    }

    private mutating func number() throws {
        func digits() -> Int {
            let start = p
            while p < b.count, (0x30...0x39).contains(b[p]) { p += 1 }
            return p - start
        }
        if b[p] == UInt8(ascii: "-") { p += 1 }
        guard p < b.count, (0x30...0x39).contains(b[p]) else { throw problem("expected a digit, found \(describe())") }
        if b[p] == 0x30 { p += 1 } else { _ = digits() }
        if p < b.count && b[p] == UInt8(ascii: ".") {
            p += 1
            guard digits() > 0 else { throw problem("expected a digit after '.', found \(describe())") }
        }
        if p < b.count && (b[p] == UInt8(ascii: "e") || b[p] == UInt8(ascii: "E")) {
            p += 1
            if p < b.count && (b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-")) { p += 1 }
            guard digits() > 0 else { throw problem("expected a digit in the exponent, found \(describe())") }
        }
    }

    private mutating func string() throws {
        p += 1
        while true {
            guard p < b.count else { throw problem("the record ends inside a string (truncated?)") }
            let c = b[p]
            switch c {
            case UInt8(ascii: "\""):
                p += 1
                return
            case UInt8(ascii: "\\"):
                p += 1
                guard p < b.count else { throw problem("the record ends inside a string (truncated?)") }
                switch b[p] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    p += 1
                case UInt8(ascii: "u"):
                    p += 1
                    for _ in 0..<4 {
                        guard p < b.count, isHex(b[p]) else { throw problem("invalid \\u escape: expected 4 hex digits") }
                        p += 1
                    }
                default:
                    p -= 1
                    throw problem("invalid escape '\\\(p + 1 < b.count ? describe(at: p + 1) : "")' in a string")
                }
            case 0x00..<0x20:
                throw problem(c == 0x0A ? "line break inside a string (unterminated string?)"
                                        : String(format: "control character 0x%02X inside a string (must be escaped)", c))
            case 0x80...:
                try utf8Sequence()
            default:
                p += 1
            }
        }
    }

    private func describe(at i: Int) -> String {
        let c = b[i]
        return c >= 0x21 && c < 0x7F ? String(Character(Unicode.Scalar(c))) : String(format: "<0x%02X>", c)
    }

    private func isHex(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
    }

    /// One multi-byte UTF-8 sequence at the cursor, strictly (no overlongs, surrogates or > U+10FFFF).
    private mutating func utf8Sequence() throws {
        let c = b[p]
        let count: Int, low: UInt8, high: UInt8
        switch c {
        case 0xC2...0xDF: count = 2; low = 0x80; high = 0xBF
        case 0xE0: count = 3; low = 0xA0; high = 0xBF
        case 0xE1...0xEC, 0xEE...0xEF: count = 3; low = 0x80; high = 0xBF
        case 0xED: count = 3; low = 0x80; high = 0x9F
        case 0xF0: count = 4; low = 0x90; high = 0xBF
        case 0xF1...0xF3: count = 4; low = 0x80; high = 0xBF
        case 0xF4: count = 4; low = 0x80; high = 0x8F
        default: throw problem(String(format: "invalid UTF-8 (byte 0x%02X)", c))
        }
        for i in 1..<count {
            guard p + i < b.count else { throw problem("invalid UTF-8 (truncated sequence)") }
            let next = b[p + i]
            let ok = i == 1 ? (low...high).contains(next) : (0x80...0xBF).contains(next)
            guard ok else { throw Problem(offset: p, message: String(format: "invalid UTF-8 (byte 0x%02X)", c)) }
        }
        p += count
    }
}
