/// Helm's install order (`releaseutil.InstallOrder`) and the stable sort by kind.
public enum KindSorter {
    /// Kinds in the order Helm v3.9.4 installs them.
    public static let installOrder: [String] = [
        "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
        "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList",
        "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController",
        "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
        "IngressClass", "Ingress", "APIService",
    ]

    /// Kinds in the order Helm v3.9.4 uninstalls them.
    public static let uninstallOrder: [String] = [
        "APIService", "Ingress", "IngressClass", "Service", "CronJob", "Job", "StatefulSet",
        "HorizontalPodAutoscaler", "Deployment", "ReplicaSet", "ReplicationController", "Pod",
        "DaemonSet", "RoleBindingList", "RoleBinding", "RoleList", "Role", "ClusterRoleBindingList",
        "ClusterRoleBinding", "ClusterRoleList", "ClusterRole", "CustomResourceDefinition",
        "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "ConfigMap", "SecretList",
        "Secret", "ServiceAccount", "PodDisruptionBudget", "PodSecurityPolicy", "LimitRange",
        "ResourceQuota", "NetworkPolicy", "Namespace",
    ]

    /// Stable sort by `order`; kinds not in it go last, ordered by kind name among themselves.
    public static func sorted(_ objects: [ManifestObject], order: [String] = installOrder) -> [ManifestObject] {
        var rank: [String: Int] = [:]
        for (i, kind) in order.enumerated() { rank[kind] = i }
        let indexed = objects.enumerated().map { (offset: $0.offset, object: $0.element) }
        return indexed.sorted { a, b in
            let ra = rank[a.object.kind]
            let rb = rank[b.object.kind]
            switch (ra, rb) {
            case let (x?, y?):
                return x != y ? x < y : a.offset < b.offset
            case (nil, nil):
                let (ka, kb) = (a.object.kind, b.object.kind)
                if ka != kb { return ka.utf8.lexicographicallyPrecedes(kb.utf8) }
                return a.offset < b.offset
            case (nil, _?):
                return false
            case (_?, nil):
                return true
            }
        }.map(\.object)
    }
}
