/// Server-side `meta.k8s.io/v1 Table` conversion with the columns kubectl's printers define.
struct TableConverter {
    let now: Double

    struct Column {
        var name: String
        var type: String = "string"
        var format: String = ""
        var priority: Int = 0
        var description: String = ""
    }

    func table(_ t: ResourceType, _ items: [StoredObject], apiVersion: String, include: String, rv: UInt64?,
               continueToken: String?) -> JSON
    {
        let cols = columns(t.kind)
        let rows: [JSON] = items.map { s in
            var row: JSON = ["cells": .array(cells(t.kind, s.object))]
            switch include {
            case "None": break
            case "Object": row["object"] = APIServer.fullObject(t, s)
            default:
                row["object"] = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                 "metadata": s.object["metadata"] ?? .emptyObject]
            }
            return row
        }
        var meta: JSON = .emptyObject
        if let rv { meta["resourceVersion"] = .string(String(rv)) }
        if let continueToken { meta["continue"] = .string(continueToken) }
        return ["kind": "Table", "apiVersion": .string(apiVersion), "metadata": meta,
                "columnDefinitions": .array(cols.map { c in
                    ["name": .string(c.name), "type": .string(c.type), "format": .string(c.format),
                     "description": .string(c.description.isEmpty ? c.name : c.description), "priority": .num(c.priority)]
                }),
                "rows": .array(rows)]
    }

    func columns(_ kind: String) -> [Column] {
        let name = Column(name: "Name", format: "name", description: "Name must be unique within a namespace.")
        let age = Column(name: "Age", description: "CreationTimestamp is a timestamp representing the server time when this object was created.")
        switch kind {
        case "Pod":
            return [name, Column(name: "Ready"), Column(name: "Status"), Column(name: "Restarts", type: "string"), age,
                    Column(name: "IP", priority: 1), Column(name: "Node", priority: 1), Column(name: "Nominated Node", priority: 1),
                    Column(name: "Readiness Gates", priority: 1)]
        case "Deployment":
            return [name, Column(name: "Ready"), Column(name: "Up-to-date", type: "integer"), Column(name: "Available", type: "integer"), age,
                    Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1)]
        case "ReplicaSet", "ReplicationController":
            return [name, Column(name: "Desired", type: "integer"), Column(name: "Current", type: "integer"),
                    Column(name: "Ready", type: "integer"), age, Column(name: "Containers", priority: 1),
                    Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1)]
        case "StatefulSet":
            return [name, Column(name: "Ready"), age, Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1)]
        case "DaemonSet":
            return [name, Column(name: "Desired", type: "integer"), Column(name: "Current", type: "integer"),
                    Column(name: "Ready", type: "integer"), Column(name: "Up-to-date", type: "integer"),
                    Column(name: "Available", type: "integer"), Column(name: "Node Selector"), age,
                    Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1)]
        case "Job":
            return [name, Column(name: "Status"), Column(name: "Completions"), Column(name: "Duration"), age,
                    Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1)]
        case "CronJob":
            return [name, Column(name: "Schedule"), Column(name: "Timezone"), Column(name: "Suspend", type: "boolean"),
                    Column(name: "Active", type: "integer"), Column(name: "Last Schedule"), age,
                    Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1)]
        case "Service":
            return [name, Column(name: "Type"), Column(name: "Cluster-IP"), Column(name: "External-IP"), Column(name: "Port(s)"), age,
                    Column(name: "Selector", priority: 1)]
        case "Namespace": return [name, Column(name: "Status"), age]
        case "ConfigMap": return [name, Column(name: "Data", type: "integer"), age]
        case "Secret": return [name, Column(name: "Type"), Column(name: "Data", type: "integer"), age]
        case "ServiceAccount": return [name, Column(name: "Secrets", type: "integer"), age]
        case "Node":
            return [name, Column(name: "Status"), Column(name: "Roles"), age, Column(name: "Version"),
                    Column(name: "Internal-IP", priority: 1), Column(name: "External-IP", priority: 1),
                    Column(name: "OS-Image", priority: 1), Column(name: "Kernel-Version", priority: 1),
                    Column(name: "Container-Runtime", priority: 1)]
        case "Endpoints": return [name, Column(name: "Endpoints"), age]
        case "EndpointSlice":
            return [name, Column(name: "AddressType"), Column(name: "Ports"), Column(name: "Endpoints"), age]
        case "PersistentVolumeClaim":
            return [name, Column(name: "Status"), Column(name: "Volume"), Column(name: "Capacity"), Column(name: "Access Modes"),
                    Column(name: "StorageClass"), Column(name: "VolumeAttributesClass"), age, Column(name: "VolumeMode", priority: 1)]
        case "PersistentVolume":
            return [name, Column(name: "Capacity"), Column(name: "Access Modes"), Column(name: "Reclaim Policy"), Column(name: "Status"),
                    Column(name: "Claim"), Column(name: "StorageClass"), Column(name: "VolumeAttributesClass"), Column(name: "Reason"), age,
                    Column(name: "VolumeMode", priority: 1)]
        case "Event":
            return [Column(name: "Last Seen"), Column(name: "Type"), Column(name: "Reason"), Column(name: "Object"),
                    Column(name: "Subobject", priority: 1), Column(name: "Source", priority: 1), Column(name: "Message"),
                    Column(name: "First Seen", priority: 1), Column(name: "Count", priority: 1), Column(name: "Name", priority: 1)]
        case "StorageClass":
            return [name, Column(name: "Provisioner"), Column(name: "ReclaimPolicy"), Column(name: "VolumeBindingMode"),
                    Column(name: "AllowVolumeExpansion"), age]
        case "ControllerRevision": return [name, Column(name: "Controller"), Column(name: "Revision", type: "integer"), age]
        case "Lease": return [name, Column(name: "Holder"), age]
        case "Ingress":
            return [name, Column(name: "Class"), Column(name: "Hosts"), Column(name: "Address"), Column(name: "Ports"), age]
        case "PodDisruptionBudget":
            return [name, Column(name: "Min Available"), Column(name: "Max Unavailable"), Column(name: "Allowed Disruptions", type: "integer"), age]
        case "Role", "ClusterRole": return [name, Column(name: "Created At", format: "date")]
        case "RoleBinding", "ClusterRoleBinding":
            return [name, Column(name: "Role"), age, Column(name: "Users", priority: 1), Column(name: "Groups", priority: 1),
                    Column(name: "ServiceAccounts", priority: 1)]
        default: return [name, age]
        }
    }
}
