extension Cluster {
    /// Creates what a fresh cluster holds: system namespaces, nodes, the default StorageClass and the
    /// `kubernetes` Service; then compacts history so watches from older versions get 410.
    func bootstrap() throws(KubeError) {
        try store.write { (tx: inout Transaction) throws(KubeError) in
            let nsType = namespaceType
            for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
                var o: JSON = ["metadata": ["name": .string(ns)]]
                try prepareNew(&tx, nsType, &o)
                try tx.put(nsType.storeKey, o)
                try createDefaultServiceAccount(&tx, namespace: ns)
            }
            let nodeType = registry.lookup(group: "", version: "v1", plural: "nodes")!
            for i in 0..<max(0, config.nodes) {
                var o = nodeObject(i)
                let status = o["status"]
                try prepareNew(&tx, nodeType, &o)
                o["status"] = status
                try tx.put(nodeType.storeKey, o)
            }
            let scType = registry.lookup(group: "storage.k8s.io", version: "v1", plural: "storageclasses")!
            var sc: JSON = ["metadata": ["name": "standard", "annotations": ["storageclass.kubernetes.io/is-default-class": "true"]],
                            "provisioner": "kubesim.io/local", "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate",
                            "allowVolumeExpansion": true]
            try prepareNew(&tx, scType, &sc)
            try tx.put(scType.storeKey, sc)
            var svc: JSON = ["metadata": ["name": "kubernetes", "namespace": "default",
                                          "labels": ["component": "apiserver", "provider": "kubernetes"]],
                             "spec": ["clusterIP": "10.96.0.1",
                                      "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443]]]]
            _ = allocator.withLock { $0.reserveClusterIP("10.96.0.1") }
            try prepareNew(&tx, serviceType, &svc)
            try tx.put(serviceType.storeKey, svc)
        }
        store.compact()
    }

    /// The `default` ServiceAccount of a namespace (what the service-account controller creates).
    func createDefaultServiceAccount(_ tx: inout Transaction, namespace: String) throws(KubeError) {
        let saType = registry.lookup(group: "", version: "v1", plural: "serviceaccounts")!
        guard tx.get(saType.storeKey, ObjectKey(namespace: namespace, name: "default")) == nil else { return }
        var sa: JSON = ["metadata": ["name": "default", "namespace": .string(namespace)]]
        try prepareNew(&tx, saType, &sa)
        try tx.put(saType.storeKey, sa)
    }

    /// Node name for index `i`.
    public static func nodeName(_ i: Int) -> String { "kubesim-node-\(i)" }

    func nodeObject(_ i: Int) -> JSON {
        let name = Cluster.nodeName(i)
        let now = nowString
        func cond(_ t: String, _ s: String, _ reason: String, _ msg: String) -> JSON {
            ["type": .string(t), "status": .string(s), "reason": .string(reason), "message": .string(msg),
             "lastHeartbeatTime": .string(now), "lastTransitionTime": .string(now)]
        }
        let resources: JSON = ["cpu": .string(config.nodeCPU), "memory": .string(config.nodeMemory), "pods": .string(String(config.nodePods)),
                               "ephemeral-storage": "100Gi"]
        return [
            "metadata": ["name": .string(name), "labels": [
                "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                "kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux", "type": "kubesim",
            ], "annotations": ["node.alpha.kubernetes.io/ttl": "0"]],
            "spec": ["podCIDR": .string("10.244.\(i).0/24"), "podCIDRs": [.string("10.244.\(i).0/24")]],
            "status": [
                "capacity": resources, "allocatable": resources,
                "conditions": [cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                               cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                               cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                               cond("Ready", "True", "KubeletReady", "kubelet is posting ready status")],
                "addresses": [["type": "InternalIP", "address": .string("172.18.0.\(i + 2)")], ["type": "Hostname", "address": .string(name)]],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": ["machineID": .string(randomHex(16)), "systemUUID": .string(newUID()), "bootID": .string(newUID()),
                             "kernelVersion": "6.1.0-kubesim", "osImage": "kubesim", "containerRuntimeVersion": "containerd://1.7.24",
                             "kubeletVersion": .string(config.kubernetesVersion), "kubeProxyVersion": .string(config.kubernetesVersion),
                             "operatingSystem": "linux", "architecture": "amd64"],
            ],
        ]
    }
}
