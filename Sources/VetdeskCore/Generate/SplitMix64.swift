/// SplitMix64: a tiny, fast, seedable PRNG. The generator must give the same bytes for the same
/// seed on every machine, which `SystemRandomNumberGenerator` cannot.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one sub-stream (e.g. one candidate) so that each entity's data does not
    /// depend on how much randomness the entities before it consumed.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound without modulo bias worth caring about for synthetic data.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int((next() >> 11) % UInt64(bound))
    }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    public mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(below(10))) })
    }

    public mutating func hex(_ count: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        var bits = next()
        for i in 0..<count {
            if i % 16 == 0 && i > 0 { bits = next() }
            bytes[i] = SplitMix64.hexDigits[Int(bits & 15)]
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A random (version 4 shaped) UUID string, deterministic from the stream.
    public mutating func uuid() -> String {
        var c = Array(hex(32).utf8)
        c[12] = UInt8(ascii: "4")
        c[16] = Array("89ab".utf8)[Int(next() & 3)]
        c.insert(45, at: 20); c.insert(45, at: 16); c.insert(45, at: 12); c.insert(45, at: 8)
        return String(decoding: c, as: UTF8.self)
    }
}
