#if canImport(Glibc)
import Glibc
#endif

/// glibc gives each thread that allocates its own malloc arena; the login import parses on a second
/// thread (PrefetchingReader) and frees those strings on the writing one, so freed memory piles up in
/// an arena that is not reused. One arena: 500k sign-ins peaked at 202 MB instead of 225 MB, same CPU
/// (2-core dev machine, MALLOC_ARENA_MAX=1 against the default, release build).
enum ImportMemory {
    static func useOneMallocArena() {
        #if canImport(Glibc)
        // mallopt is not in Swift's Glibc module (malloc.h): looked up at run time.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(-8 /* M_ARENA_MAX */, 1)
        #endif
    }
}
