/// Identifies a stored object: resource (`group/plural`), namespace (empty for cluster scope) and name.
public struct ObjectKey: Hashable, Sendable, Comparable {
    public var namespace: String
    public var name: String
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }
    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        a.namespace == b.namespace ? a.name < b.name : a.namespace < b.namespace
    }
    /// `ns/name` as etcd keys order them.
    public var path: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// An immutable stored version of an object with its serialized form cached.
public final class StoredObject: Sendable {
    /// The object, including `metadata.resourceVersion`.
    public let object: JSON
    /// Compact JSON of `object` (without kind/apiVersion, which the server adds when serving).
    public let bytes: [UInt8]
    /// The resourceVersion this version was written at.
    public let resourceVersion: UInt64

    init(object: JSON, resourceVersion: UInt64) {
        self.object = object
        self.bytes = object.bytes
        self.resourceVersion = resourceVersion
    }

    /// Metadata shortcuts.
    public var name: String { object[path: ["metadata", "name"]]?.string ?? "" }
    public var namespace: String { object[path: ["metadata", "namespace"]]?.string ?? "" }
    public var uid: String { object[path: ["metadata", "uid"]]?.string ?? "" }
    public var labels: [String: String] { object[path: ["metadata", "labels"]]?.stringMap ?? [:] }
}

/// The kind of change a watch event reports.
public enum WatchEventType: String, Sendable {
    case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK", error = "ERROR"
}

/// One change in the store.
public struct StoreEvent: Sendable {
    /// ADDED, MODIFIED or DELETED.
    public var type: WatchEventType
    /// `group/plural` of the object.
    public var resource: String
    /// The object after the change (for DELETED: its last state with the new resourceVersion).
    public var object: StoredObject
    /// The previous version (MODIFIED and DELETED).
    public var previous: StoredObject?
    /// resourceVersion of the change.
    public var resourceVersion: UInt64 { object.resourceVersion }
    /// Namespace of the object.
    public var namespace: String
}
