extension ResourceRegistry {
    /// The built-in resources of Kubernetes 1.32 that charts and kubectl use.
    public static let builtin = ResourceRegistry(types: [
        // core
        ResourceType(group: "", plural: "bindings", kind: "Binding"),
        ResourceType(group: "", plural: "configmaps", kind: "ConfigMap", shortNames: ["cm"]),
        ResourceType(group: "", plural: "endpoints", singular: "endpoints", kind: "Endpoints", shortNames: ["ep"]),
        ResourceType(group: "", plural: "events", kind: "Event", shortNames: ["ev"]),
        ResourceType(group: "", plural: "limitranges", kind: "LimitRange", shortNames: ["limits"]),
        ResourceType(group: "", plural: "namespaces", kind: "Namespace", namespaced: false, shortNames: ["ns"],
                     subresources: ["finalize", "status"]),
        ResourceType(group: "", plural: "nodes", kind: "Node", namespaced: false, shortNames: ["no"], subresources: ["status"]),
        ResourceType(group: "", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim", shortNames: ["pvc"],
                     subresources: ["status"]),
        ResourceType(group: "", plural: "persistentvolumes", kind: "PersistentVolume", namespaced: false, shortNames: ["pv"],
                     subresources: ["status"]),
        ResourceType(group: "", plural: "pods", kind: "Pod", shortNames: ["po"], categories: ["all"],
                     subresources: ["binding", "eviction", "log", "status"]),
        ResourceType(group: "", plural: "podtemplates", kind: "PodTemplate"),
        ResourceType(group: "", plural: "replicationcontrollers", kind: "ReplicationController", shortNames: ["rc"],
                     categories: ["all"], subresources: ["scale", "status"]),
        ResourceType(group: "", plural: "resourcequotas", kind: "ResourceQuota", shortNames: ["quota"], subresources: ["status"]),
        ResourceType(group: "", plural: "secrets", kind: "Secret"),
        ResourceType(group: "", plural: "serviceaccounts", kind: "ServiceAccount", shortNames: ["sa"]),
        ResourceType(group: "", plural: "services", kind: "Service", shortNames: ["svc"], categories: ["all"],
                     subresources: ["status"]),
        // apps
        ResourceType(group: "apps", plural: "controllerrevisions", kind: "ControllerRevision"),
        ResourceType(group: "apps", plural: "daemonsets", kind: "DaemonSet", shortNames: ["ds"], categories: ["all"],
                     subresources: ["status"]),
        ResourceType(group: "apps", plural: "deployments", kind: "Deployment", shortNames: ["deploy"], categories: ["all"],
                     subresources: ["scale", "status"]),
        ResourceType(group: "apps", plural: "replicasets", kind: "ReplicaSet", shortNames: ["rs"], categories: ["all"],
                     subresources: ["scale", "status"]),
        ResourceType(group: "apps", plural: "statefulsets", kind: "StatefulSet", shortNames: ["sts"], categories: ["all"],
                     subresources: ["scale", "status"]),
        // autoscaling
        ResourceType(group: "autoscaling", version: "v2", plural: "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler",
                     shortNames: ["hpa"], categories: ["all"], subresources: ["status"]),
        // authorization (reviews are answered, never stored)
        ResourceType(group: "authorization.k8s.io", plural: "selfsubjectaccessreviews", kind: "SelfSubjectAccessReview",
                     namespaced: false),
        // batch
        ResourceType(group: "batch", plural: "cronjobs", kind: "CronJob", shortNames: ["cj"], categories: ["all"],
                     subresources: ["status"]),
        ResourceType(group: "batch", plural: "jobs", kind: "Job", categories: ["all"], subresources: ["status"]),
        // coordination
        ResourceType(group: "coordination.k8s.io", plural: "leases", kind: "Lease"),
        // discovery
        ResourceType(group: "discovery.k8s.io", plural: "endpointslices", kind: "EndpointSlice"),
        // networking
        ResourceType(group: "networking.k8s.io", plural: "ingressclasses", kind: "IngressClass", namespaced: false),
        ResourceType(group: "networking.k8s.io", plural: "ingresses", kind: "Ingress", shortNames: ["ing"],
                     subresources: ["status"]),
        ResourceType(group: "networking.k8s.io", plural: "networkpolicies", kind: "NetworkPolicy", shortNames: ["netpol"],
                     tracksGeneration: true),
        // policy
        ResourceType(group: "policy", plural: "poddisruptionbudgets", kind: "PodDisruptionBudget", shortNames: ["pdb"],
                     subresources: ["status"]),
        // rbac
        ResourceType(group: "rbac.authorization.k8s.io", plural: "clusterrolebindings", kind: "ClusterRoleBinding",
                     namespaced: false),
        ResourceType(group: "rbac.authorization.k8s.io", plural: "clusterroles", kind: "ClusterRole", namespaced: false),
        ResourceType(group: "rbac.authorization.k8s.io", plural: "rolebindings", kind: "RoleBinding"),
        ResourceType(group: "rbac.authorization.k8s.io", plural: "roles", kind: "Role"),
        // storage
        ResourceType(group: "storage.k8s.io", plural: "storageclasses", kind: "StorageClass", namespaced: false,
                     shortNames: ["sc"]),
        // scheduling
        ResourceType(group: "scheduling.k8s.io", plural: "priorityclasses", kind: "PriorityClass", namespaced: false,
                     shortNames: ["pc"]),
        // apiextensions
        ResourceType(group: "apiextensions.k8s.io", plural: "customresourcedefinitions", kind: "CustomResourceDefinition",
                     namespaced: false, shortNames: ["crd", "crds"], subresources: ["status"], tracksGeneration: true),
    ])
}
