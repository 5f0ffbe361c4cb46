import Foundation

/// Monotonic stopwatch for the per-phase timings in `RescoreReport.phases`.
struct PhaseClock {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
