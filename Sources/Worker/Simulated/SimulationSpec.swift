/// What the simulated executor does for one job, read from the job's cluster spec (`data`).
///
/// Format (a `simulate:` section next to the usual cluster.yaml keys; JSON works too):
/// ```yaml
/// name: fate-9999
/// namespace: fate-9999
/// chartName: fate
/// chartVersion: v1.11.2
/// modules: [mysql, python, fateboard]   # used when simulate.components is absent
/// simulate:
///   stepDuration: 1s        # default duration of each component; number = seconds, or 250ms / 2s / 1m
///   components:             # one sub-job per entry, run in order, one step each
///     - mysql               # name only: takes stepDuration
///     - name: python
///       duration: 3s
///     - name: fateboard
///       duration: 500ms
///       fail: "ImagePullBackOff: fateboard:missing"   # this component fails: sub-job Failed, job Failed
/// ```
/// Without a `simulate:` section every entry of `modules` becomes a component of 1 s. With neither,
/// the job has no steps and succeeds at once (a no-op job, used by the benchmark). The key order of
/// a component does not matter; unknown keys are errors so typos surface.
struct SimulationSpec: Sendable, Equatable {
    /// One simulated component: a sub-job that becomes Available after `duration`, or fails.
    struct Component: Sendable, Equatable {
        var name: String
        var duration: Duration
        /// When set, the component fails with this reason once its duration has elapsed.
        var failure: String?
    }

    /// Default duration of a component without its own `duration`.
    static let defaultStepDuration: Duration = .seconds(1)

    var components: [Component]

    /// Reads the spec from the decoded `data` of the job's cluster args.
    static func parse(data: [UInt8]) throws(SimulationSpecError) -> SimulationSpec {
        let root = try SpecNode.parse(data)
        if root.isNull { return SimulationSpec(components: []) }
        guard case .mapping = root.kind else {
            throw SimulationSpecError(field: "data", line: root.line, message: "the cluster spec must be a mapping")
        }
        guard let simulate = root["simulate"], !simulate.isNull else {
            return SimulationSpec(components: try modules(of: root, duration: defaultStepDuration))
        }
        guard case .mapping(let pairs) = simulate.kind else {
            throw SimulationSpecError(field: "simulate", line: simulate.line, message: "must be a mapping")
        }
        for (key, node) in pairs where !["stepDuration", "components"].contains(key) {
            throw SimulationSpecError(
                field: "simulate.\(key)", line: node.line,
                message: "unknown key (expected stepDuration or components)")
        }
        var step = defaultStepDuration
        if let node = simulate["stepDuration"] {
            step = try duration(node, field: "simulate.stepDuration")
        }
        guard let list = simulate["components"], !list.isNull else {
            return SimulationSpec(components: try modules(of: root, duration: step))
        }
        guard case .sequence(let items) = list.kind else {
            throw SimulationSpecError(field: "simulate.components", line: list.line, message: "must be a list")
        }
        var components: [Component] = []
        for (index, item) in items.enumerated() {
            components.append(try component(item, field: "simulate.components[\(index)]", defaultDuration: step))
        }
        return SimulationSpec(components: components)
    }

    private static func modules(of root: SpecNode, duration: Duration) throws(SimulationSpecError) -> [Component] {
        guard let modules = root["modules"], !modules.isNull else { return [] }
        guard case .sequence(let items) = modules.kind else {
            throw SimulationSpecError(field: "modules", line: modules.line, message: "must be a list of names")
        }
        var components: [Component] = []
        for (index, item) in items.enumerated() {
            guard let name = item.scalar else {
                throw SimulationSpecError(field: "modules[\(index)]", line: item.line, message: "must be a name")
            }
            components.append(Component(name: name, duration: duration, failure: nil))
        }
        return components
    }

    private static func component(
        _ node: SpecNode, field: String, defaultDuration: Duration
    ) throws(SimulationSpecError) -> Component {
        switch node.kind {
        case .scalar:
            guard let name = node.scalar else {
                throw SimulationSpecError(field: field, line: node.line, message: "must be a name or a mapping")
            }
            return Component(name: name, duration: defaultDuration, failure: nil)
        case .sequence:
            throw SimulationSpecError(field: field, line: node.line, message: "must be a name or a mapping")
        case .mapping(let pairs):
            for (key, value) in pairs where !["name", "duration", "fail"].contains(key) {
                throw SimulationSpecError(
                    field: "\(field).\(key)", line: value.line, message: "unknown key (expected name, duration or fail)")
            }
            guard let name = node["name"]?.scalar else {
                throw SimulationSpecError(field: "\(field).name", line: node.line, message: "is required")
            }
            var component = Component(name: name, duration: defaultDuration, failure: nil)
            if let value = node["duration"] {
                component.duration = try duration(value, field: "\(field).duration")
            }
            if let value = node["fail"], !value.isNull {
                guard let reason = value.scalar else {
                    throw SimulationSpecError(field: "\(field).fail", line: value.line, message: "must be a reason text")
                }
                component.failure = reason
            }
            return component
        }
    }

    /// Reads `1.5` (seconds), `250ms`, `2s` or `1m`, at most one day.
    static func duration(_ node: SpecNode, field: String) throws(SimulationSpecError) -> Duration {
        guard let text = node.scalar, let value = DurationText.parse(text, limit: .seconds(86_400)) else {
            throw SimulationSpecError(
                field: field, line: node.line,
                message: "invalid duration \"\(node.scalar ?? "")\" (use seconds, or a number with ms, s or m)")
        }
        return value
    }
}
