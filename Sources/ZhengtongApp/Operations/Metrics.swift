import Metrics
import NIOConcurrencyHelpers
import Prometheus

/// The process-wide Prometheus registry behind `/metrics`.
///
/// swift-metrics may be bootstrapped once per process; tests build many applications, so the
/// bootstrap happens on first use. Vapor itself records `http_requests_total` and
/// `http_request_duration_seconds` by route and status through it.
enum AppMetrics {
    private static let state = NIOLockedValueBox<PrometheusCollectorRegistry?>(nil)

    static var registry: PrometheusCollectorRegistry {
        state.withLockedValue { registry in
            if let registry { return registry }
            let created = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: created))
            registry = created
            return created
        }
    }
}
