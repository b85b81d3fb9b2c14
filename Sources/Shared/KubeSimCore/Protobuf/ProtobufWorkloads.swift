/// Protobuf message tables for the workload kinds `kubectl create deployment|job|service` send.
enum ProtobufWorkloads {
    typealias F = Protobuf.Field

    static let labelSelector: [Int: F] = [
        1: F(name: "matchLabels", type: .mapStringString),
        2: F(name: "matchExpressions", type: .message([1: F(name: "key", type: .string), 2: F(name: "operator", type: .string),
                                                       3: F(name: "values", type: .string, repeated: true)]), repeated: true),
    ]
    static let intOrString: [Int: F] = [1: F(name: "type", type: .int), 2: F(name: "intVal", type: .int), 3: F(name: "strVal", type: .string)]
    static let containerPort: [Int: F] = [
        1: F(name: "name", type: .string), 2: F(name: "hostPort", type: .int), 3: F(name: "containerPort", type: .int),
        4: F(name: "protocol", type: .string), 5: F(name: "hostIP", type: .string),
    ]
    static let envVar: [Int: F] = [1: F(name: "name", type: .string), 2: F(name: "value", type: .string)]
    static let container: [Int: F] = [
        1: F(name: "name", type: .string), 2: F(name: "image", type: .string), 3: F(name: "command", type: .string, repeated: true),
        4: F(name: "args", type: .string, repeated: true), 5: F(name: "workingDir", type: .string),
        6: F(name: "ports", type: .message(containerPort), repeated: true), 7: F(name: "env", type: .message(envVar), repeated: true),
        13: F(name: "terminationMessagePath", type: .string), 14: F(name: "imagePullPolicy", type: .string),
        20: F(name: "terminationMessagePolicy", type: .string),
    ]
    static let podSpec: [Int: F] = [
        2: F(name: "containers", type: .message(container), repeated: true), 3: F(name: "restartPolicy", type: .string),
        4: F(name: "terminationGracePeriodSeconds", type: .int), 5: F(name: "activeDeadlineSeconds", type: .int),
        6: F(name: "dnsPolicy", type: .string), 7: F(name: "nodeSelector", type: .mapStringString),
        8: F(name: "serviceAccountName", type: .string), 10: F(name: "nodeName", type: .string),
        19: F(name: "schedulerName", type: .string), 20: F(name: "initContainers", type: .message(container), repeated: true),
    ]
    static let podTemplate: [Int: F] = [1: F(name: "metadata", type: .message(Protobuf.objectMeta)), 2: F(name: "spec", type: .message(podSpec))]

    static let messages: [String: [Int: F]] = [
        "Pod": [1: F(name: "metadata", type: .message(Protobuf.objectMeta)), 2: F(name: "spec", type: .message(podSpec))],
        "SelfSubjectAccessReview": [
            1: F(name: "metadata", type: .message(Protobuf.objectMeta)),
            2: F(name: "spec", type: .message([
                1: F(name: "resourceAttributes", type: .message([
                    1: F(name: "namespace", type: .string), 2: F(name: "verb", type: .string), 3: F(name: "group", type: .string),
                    4: F(name: "version", type: .string), 5: F(name: "resource", type: .string),
                    6: F(name: "subresource", type: .string), 7: F(name: "name", type: .string),
                ])),
                2: F(name: "nonResourceAttributes", type: .message([1: F(name: "path", type: .string), 2: F(name: "verb", type: .string)])),
            ])),
        ],
        "Deployment": [
            1: F(name: "metadata", type: .message(Protobuf.objectMeta)),
            2: F(name: "spec", type: .message([
                1: F(name: "replicas", type: .int), 2: F(name: "selector", type: .message(labelSelector)),
                3: F(name: "template", type: .message(podTemplate)), 5: F(name: "minReadySeconds", type: .int),
                6: F(name: "revisionHistoryLimit", type: .int), 7: F(name: "paused", type: .bool),
                9: F(name: "progressDeadlineSeconds", type: .int),
            ])),
        ],
        "Job": [
            1: F(name: "metadata", type: .message(Protobuf.objectMeta)),
            2: F(name: "spec", type: .message([
                1: F(name: "parallelism", type: .int), 2: F(name: "completions", type: .int),
                3: F(name: "activeDeadlineSeconds", type: .int), 4: F(name: "selector", type: .message(labelSelector)),
                6: F(name: "template", type: .message(podTemplate)), 7: F(name: "backoffLimit", type: .int),
            ])),
        ],
        "Service": [
            1: F(name: "metadata", type: .message(Protobuf.objectMeta)),
            2: F(name: "spec", type: .message([
                1: F(name: "ports", type: .message([
                    1: F(name: "name", type: .string), 2: F(name: "protocol", type: .string), 3: F(name: "port", type: .int),
                    4: F(name: "targetPort", type: .message(intOrString)), 5: F(name: "nodePort", type: .int),
                ]), repeated: true),
                2: F(name: "selector", type: .mapStringString), 3: F(name: "clusterIP", type: .string), 4: F(name: "type", type: .string),
                10: F(name: "externalName", type: .string),
            ])),
        ],
    ]

    /// Converts decoded `targetPort` `IntOrString` messages (`{type,intVal,strVal}`) to their JSON form.
    static func normalize(_ v: JSON) -> JSON {
        switch v {
        case .object(var o):
            if let tp = o["targetPort"], tp.object != nil {
                o["targetPort"] = tp["type"]?.int == 1 ? (tp["strVal"] ?? "") : (tp["intVal"] ?? 0)
            }
            return .object(o.mapValues(normalize))
        case .array(let a): return .array(a.map(normalize))
        default: return v
        }
    }
}
