import Foundation

/// Create- and update-time defaulting, as the `k8s.io/kubernetes/pkg/apis/*/v1/defaults.go` functions and
/// the admission plugins the simulator imitates apply it.
enum Defaulting {
    /// Applies spec defaults for `kind` in place.
    static func apply(_ kind: String, _ o: inout JSON) {
        switch kind {
        case "Pod": pod(&o)
        case "Deployment":
            setIfAbsent(&o, ["spec", "replicas"], 1)
            setIfAbsent(&o, ["spec", "revisionHistoryLimit"], 10)
            setIfAbsent(&o, ["spec", "progressDeadlineSeconds"], 600)
            if o[path: ["spec", "strategy", "type"]] == nil { o[path: ["spec", "strategy", "type"]] = "RollingUpdate" }
            if o[path: ["spec", "strategy", "type"]]?.string == "RollingUpdate" {
                setIfAbsent(&o, ["spec", "strategy", "rollingUpdate", "maxSurge"], "25%")
                setIfAbsent(&o, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], "25%")
            }
            template(&o)
        case "ReplicaSet", "ReplicationController":
            setIfAbsent(&o, ["spec", "replicas"], 1)
            template(&o)
        case "StatefulSet":
            setIfAbsent(&o, ["spec", "replicas"], 1)
            setIfAbsent(&o, ["spec", "podManagementPolicy"], "OrderedReady")
            setIfAbsent(&o, ["spec", "revisionHistoryLimit"], 10)
            if o[path: ["spec", "updateStrategy", "type"]] == nil { o[path: ["spec", "updateStrategy", "type"]] = "RollingUpdate" }
            if o[path: ["spec", "updateStrategy", "type"]]?.string == "RollingUpdate" {
                setIfAbsent(&o, ["spec", "updateStrategy", "rollingUpdate", "partition"], 0)
            }
            setIfAbsent(&o, ["spec", "persistentVolumeClaimRetentionPolicy"], ["whenDeleted": "Retain", "whenScaled": "Retain"])
            if var vcts = o[path: ["spec", "volumeClaimTemplates"]]?.array {
                for i in vcts.indices {
                    setIfAbsent(&vcts[i], ["spec", "volumeMode"], "Filesystem")
                    setIfAbsent(&vcts[i], ["apiVersion"], "v1")
                    setIfAbsent(&vcts[i], ["kind"], "PersistentVolumeClaim")
                    setIfAbsent(&vcts[i], ["status", "phase"], "Pending")
                }
                o[path: ["spec", "volumeClaimTemplates"]] = .array(vcts)
            }
            template(&o)
        case "DaemonSet":
            setIfAbsent(&o, ["spec", "revisionHistoryLimit"], 10)
            if o[path: ["spec", "updateStrategy", "type"]] == nil { o[path: ["spec", "updateStrategy", "type"]] = "RollingUpdate" }
            if o[path: ["spec", "updateStrategy", "type"]]?.string == "RollingUpdate" {
                setIfAbsent(&o, ["spec", "updateStrategy", "rollingUpdate", "maxUnavailable"], 1)
                setIfAbsent(&o, ["spec", "updateStrategy", "rollingUpdate", "maxSurge"], 0)
            }
            template(&o)
        case "Job": job(&o)
        case "CronJob":
            setIfAbsent(&o, ["spec", "concurrencyPolicy"], "Allow")
            setIfAbsent(&o, ["spec", "suspend"], false)
            setIfAbsent(&o, ["spec", "successfulJobsHistoryLimit"], 3)
            setIfAbsent(&o, ["spec", "failedJobsHistoryLimit"], 1)
            if var jt = o[path: ["spec", "jobTemplate"]] {
                jobSpecDefaults(&jt)
                o[path: ["spec", "jobTemplate"]] = jt
            }
        case "Service": service(&o)
        case "Namespace":
            let name = o[path: ["metadata", "name"]]?.string ?? ""
            o[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = .string(name)
            setIfAbsent(&o, ["spec", "finalizers"], ["kubernetes"])
            setIfAbsent(&o, ["status", "phase"], "Active")
        case "Secret":
            setIfAbsent(&o, ["type"], "Opaque")
            if let sd = o["stringData"]?.stringMap, !sd.isEmpty {
                for (k, v) in sd { o[path: ["data", k]] = .string(Data(v.utf8).base64EncodedString()) }
            }
            o["stringData"] = nil
        case "PersistentVolumeClaim":
            setIfAbsent(&o, ["spec", "volumeMode"], "Filesystem")
            setIfAbsent(&o, ["status", "phase"], "Pending")
        case "PersistentVolume":
            setIfAbsent(&o, ["spec", "persistentVolumeReclaimPolicy"], "Retain")
            setIfAbsent(&o, ["spec", "volumeMode"], "Filesystem")
            setIfAbsent(&o, ["status", "phase"], "Pending")
        default: break
        }
    }

    static func setIfAbsent(_ o: inout JSON, _ path: [String], _ v: JSON) {
        if o[path: path] == nil || o[path: path]?.isNull == true { o[path: path] = v }
    }

    static func template(_ o: inout JSON) {
        guard var spec = o[path: ["spec", "template", "spec"]] else { return }
        podSpec(&spec)
        o[path: ["spec", "template", "spec"]] = spec
    }

    static func job(_ o: inout JSON) {
        jobSpecDefaults(&o)
    }

    static func jobSpecDefaults(_ o: inout JSON) {
        setIfAbsent(&o, ["spec", "parallelism"], 1)
        setIfAbsent(&o, ["spec", "completions"], o[path: ["spec", "parallelism"]] ?? 1)
        setIfAbsent(&o, ["spec", "backoffLimit"], 6)
        setIfAbsent(&o, ["spec", "completionMode"], "NonIndexed")
        setIfAbsent(&o, ["spec", "suspend"], false)
        setIfAbsent(&o, ["spec", "podReplacementPolicy"], "TerminatingOrFailed")
        setIfAbsent(&o, ["spec", "manualSelector"], nil)
        if o[path: ["spec", "manualSelector"]]?.isNull == true { o[path: ["spec", "manualSelector"]] = nil }
        template(&o)
    }

    static func pod(_ o: inout JSON) {
        guard var spec = o["spec"] else { return }
        podSpec(&spec)
        setIfAbsent(&spec, ["serviceAccountName"], "default")
        setIfAbsent(&spec, ["serviceAccount"], spec["serviceAccountName"] ?? "default")
        setIfAbsent(&spec, ["priority"], 0)
        setIfAbsent(&spec, ["tolerations"], [
            ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
        ])
        o["spec"] = spec
        setIfAbsent(&o, ["status", "phase"], "Pending")
        setIfAbsent(&o, ["status", "qosClass"], .string(qosClass(spec)))
    }

    static func qosClass(_ spec: JSON) -> String {
        var anyReq = false, guaranteed = true
        for c in spec["containers"]?.array ?? [] {
            let req = c[path: ["resources", "requests"]]?.object ?? [:]
            let lim = c[path: ["resources", "limits"]]?.object ?? [:]
            if !req.isEmpty || !lim.isEmpty { anyReq = true }
            if lim["cpu"] == nil || lim["memory"] == nil { guaranteed = false }
            if let rc = req["cpu"], rc != lim["cpu"] { guaranteed = false }
            if let rm = req["memory"], rm != lim["memory"] { guaranteed = false }
        }
        if !anyReq { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }

    static func podSpec(_ s: inout JSON) {
        setIfAbsent(&s, ["restartPolicy"], "Always")
        setIfAbsent(&s, ["terminationGracePeriodSeconds"], 30)
        setIfAbsent(&s, ["dnsPolicy"], "ClusterFirst")
        setIfAbsent(&s, ["securityContext"], .emptyObject)
        setIfAbsent(&s, ["schedulerName"], "default-scheduler")
        for key in ["containers", "initContainers"] {
            guard var cs = s[key]?.array else { continue }
            for i in cs.indices {
                let image = cs[i]["image"]?.string ?? ""
                let tagless = !image.contains(":") || image.hasSuffix(":latest")
                setIfAbsent(&cs[i], ["imagePullPolicy"], tagless && !image.contains("@") ? "Always" : "IfNotPresent")
                setIfAbsent(&cs[i], ["terminationMessagePath"], "/dev/termination-log")
                setIfAbsent(&cs[i], ["terminationMessagePolicy"], "File")
                setIfAbsent(&cs[i], ["resources"], .emptyObject)
                if let lim = cs[i][path: ["resources", "limits"]]?.object, cs[i][path: ["resources", "requests"]] == nil {
                    cs[i][path: ["resources", "requests"]] = .object(lim)
                }
                if var ports = cs[i]["ports"]?.array {
                    for p in ports.indices { setIfAbsent(&ports[p], ["protocol"], "TCP") }
                    cs[i]["ports"] = .array(ports)
                }
            }
            s[key] = .array(cs)
        }
    }

    static func service(_ o: inout JSON) {
        setIfAbsent(&o, ["spec", "type"], "ClusterIP")
        setIfAbsent(&o, ["spec", "sessionAffinity"], "None")
        let type = o[path: ["spec", "type"]]?.string ?? "ClusterIP"
        if type != "ExternalName" {
            setIfAbsent(&o, ["spec", "internalTrafficPolicy"], "Cluster")
            setIfAbsent(&o, ["spec", "ipFamilies"], ["IPv4"])
            setIfAbsent(&o, ["spec", "ipFamilyPolicy"], "SingleStack")
        }
        if type == "NodePort" || type == "LoadBalancer" { setIfAbsent(&o, ["spec", "externalTrafficPolicy"], "Cluster") }
        if type == "LoadBalancer" { setIfAbsent(&o, ["spec", "allocateLoadBalancerNodePorts"], true) }
        if var ports = o[path: ["spec", "ports"]]?.array {
            for i in ports.indices {
                setIfAbsent(&ports[i], ["protocol"], "TCP")
                if ports[i]["targetPort"] == nil, let p = ports[i]["port"] { ports[i]["targetPort"] = p }
            }
            o[path: ["spec", "ports"]] = .array(ports)
        }
        setIfAbsent(&o, ["status", "loadBalancer"], .emptyObject)
    }
}
