/// What is left of one file's ``ExtractionLimits`` while it is read: every reader (the ZIP container, the
/// inflater, the XML and PDF readers) draws on the same budget and stops when it runs out, so the limits hold
/// for the whole file, not per part.
///
/// Used by one thread for one file, never shared: a class only so that the readers can share it by reference.
final class ExtractionBudget {
    let limits: ExtractionLimits
    /// The first limit reached; once set, every reader stops.
    private(set) var refusal: ExtractionRefusal?
    private var inflated = 0
    private let started: Duration
    private var steps = 0

    /// The processor clock is read once every this many steps: reading it is a system call, a step is a little
    /// parsing.
    private static let stepsPerClockReading = 64

    init(_ limits: ExtractionLimits) {
        self.limits = limits
        started = ThreadProcessorTime.now()
    }

    var isExhausted: Bool { refusal != nil }

    /// Takes `count` unpacked bytes; false, with the refusal recorded, when they go over the limit.
    func takeInflated(_ count: Int) -> Bool {
        guard refusal == nil else { return false }
        inflated += count
        guard inflated <= limits.inflatedBytes else {
            refusal = .inflatedBytes(limit: limits.inflatedBytes)
            return false
        }
        return hasTime()
    }

    /// One small piece of work done; false, with the refusal recorded, once the processor time is used up.
    func hasTime() -> Bool {
        guard refusal == nil else { return false }
        steps += 1
        guard steps % Self.stepsPerClockReading == 1 else { return true }
        guard ThreadProcessorTime.now() - started <= limits.processorTime else {
            refusal = .processorTime(limit: limits.processorTime)
            return false
        }
        return true
    }

    /// Records a refusal found outside the budget (a container's structure).
    func refuse(_ refusal: ExtractionRefusal) {
        if self.refusal == nil { self.refusal = refusal }
    }
}
