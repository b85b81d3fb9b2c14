import KFTemplate

/// Runs `helm`-format cases through the chart renderer once `KFCharts` provides it.
enum HelmCaseRunner {
    /// Whether chart rendering is available; helm cases are pending until then.
    static let available = false

    static func run(_ c: EngineCase) -> CaseOutcome {
        .pending("chart rendering (KFCharts) not available yet")
    }
}
