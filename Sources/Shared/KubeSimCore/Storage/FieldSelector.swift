/// A parsed field selector (`metadata.name=x,status.phase!=Running`) restricted to the fields the
/// apiserver supports for each kind.
public struct FieldSelector: Sendable {
    /// One requirement: field, value and whether it must differ.
    public struct Requirement: Sendable {
        public var field: String
        public var value: String
        public var negated: Bool
    }

    /// All requirements.
    public var requirements: [Requirement]

    /// Selects everything.
    public static let everything = FieldSelector(requirements: [])

    init(requirements: [Requirement]) { self.requirements = requirements }

    /// The fields each kind supports beyond `metadata.name` and `metadata.namespace`.
    static let supported: [String: Set<String>] = [
        "Pod": ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
                "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"],
        "Secret": ["type"],
        "Event": ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                  "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                  "reportingComponent", "source", "type"],
        "Namespace": ["status.phase"],
        "Node": ["spec.unschedulable"],
        "ReplicaSet": ["status.replicas"],
        "Job": ["status.successful"],
        "PersistentVolumeClaim": [],
        "Service": ["spec.clusterIP", "spec.type"],
    ]

    /// Parses and checks the selector for `kind`; unsupported fields give 400 `field label not supported`.
    public init(parsing text: String, kind: String) throws(KubeError) {
        var reqs: [Requirement] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let s = String(part)
            let field: String, value: String, neg: Bool
            if let r = s.range(of: "!=") {
                field = String(s[..<r.lowerBound]); value = String(s[r.upperBound...]); neg = true
            } else if let r = s.range(of: "==") {
                field = String(s[..<r.lowerBound]); value = String(s[r.upperBound...]); neg = false
            } else if let r = s.range(of: "=") {
                field = String(s[..<r.lowerBound]); value = String(s[r.upperBound...]); neg = false
            } else {
                throw KubeError.badRequest("invalid selector: '\(text)'; can't understand '\(s)'")
            }
            let f = field.trimmingCharacters(in: .whitespaces)
            if f != "metadata.name" && f != "metadata.namespace" && !(FieldSelector.supported[kind]?.contains(f) ?? false) {
                throw KubeError.badRequest("field label not supported: \(f)")
            }
            reqs.append(Requirement(field: f, value: value.trimmingCharacters(in: .whitespaces), negated: neg))
        }
        self.requirements = reqs
    }

    /// Whether the object satisfies every requirement.
    public func matches(_ object: JSON) -> Bool {
        for r in requirements {
            let v = FieldSelector.value(of: r.field, in: object)
            if (v == r.value) == r.negated { return false }
        }
        return true
    }

    static func value(of field: String, in object: JSON) -> String {
        if field == "source" { return object[path: ["source", "component"]]?.string ?? "" }
        let path = field.split(separator: ".").map(String.init)
        switch object[path: path] {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        default:
            if field == "metadata.namespace" || field == "metadata.name" { return "" }
            if field == "spec.hostNetwork" || field == "spec.unschedulable" { return "false" }
            return ""
        }
    }
}

import Foundation
