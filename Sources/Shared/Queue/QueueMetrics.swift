import Metrics

/// The queue layer's metrics (swift-metrics; exported by whatever backend the process bootstraps).
struct QueueMetrics: Sendable {
    /// `kubefate_queue_publish_seconds`: time from the first publish of a call until every message is confirmed.
    let publishDuration: Metrics.Timer
    /// `kubefate_queue_published_total`: messages confirmed by the broker.
    let published: Counter
    /// `kubefate_queue_publish_failed_total`: messages whose publish call failed (not confirmed).
    let publishFailed: Counter
    /// `kubefate_queue_reconnects_total{role}`: connections re-established after one was lost.
    let reconnects: Counter
    /// `kubefate_queue_delivered_total`: deliveries handed to the consumer's stream.
    let delivered: Counter

    init(role: String, factory: any MetricsFactory) {
        publishDuration = Metrics.Timer(label: "kubefate_queue_publish_seconds", factory: factory)
        published = Counter(label: "kubefate_queue_published_total", factory: factory)
        publishFailed = Counter(label: "kubefate_queue_publish_failed_total", factory: factory)
        reconnects = Counter(label: "kubefate_queue_reconnects_total", dimensions: [("role", role)], factory: factory)
        delivered = Counter(label: "kubefate_queue_delivered_total", factory: factory)
    }
}
