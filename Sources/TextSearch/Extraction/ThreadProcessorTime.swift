#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The processor time the calling thread has used so far.
///
/// A file is read on one thread from start to end, so the thread's own clock measures exactly the work its
/// reading cost, whatever else the machine is doing (a wall clock would fail real documents on a busy server).
enum ThreadProcessorTime {
    static func now() -> Duration {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return .zero }
        return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }
}
