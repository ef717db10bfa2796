import Foundation

extension Duration {
    /// The duration in seconds, for rates and gauges.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension ContinuousClock.Instant {
    /// Seconds from this instant until now.
    var elapsedSeconds: Double { (ContinuousClock.now - self).seconds }
}
