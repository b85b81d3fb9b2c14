/// The view of the store inside ``Store/write(_:)``: reads see earlier writes of the same transaction.
public struct Transaction: ~Copyable {
    var objects: [String: [ObjectKey: StoredObject]]
    var rv: UInt64
    var count: Int
    let objectLimit: Int
    var events: [StoreEvent] = []
    private var undo: [(String, ObjectKey, StoredObject?)] = []

    init(objects: [String: [ObjectKey: StoredObject]], rv: UInt64, count: Int, objectLimit: Int) {
        self.objects = objects
        self.rv = rv
        self.count = count
        self.objectLimit = objectLimit
    }

    /// The resourceVersion of the latest committed write.
    public var resourceVersion: UInt64 { rv }

    /// Reads one object.
    public func get(_ resource: String, _ key: ObjectKey) -> StoredObject? { objects[resource]?[key] }

    /// Lists a resource, sorted by key.
    public func list(_ resource: String, namespace: String? = nil) -> [StoredObject] {
        guard let all = objects[resource] else { return [] }
        var keys = Array(all.keys)
        if let namespace { keys.removeAll { $0.namespace != namespace } }
        keys.sort()
        return keys.map { all[$0]! }
    }

    /// Stores `object` (setting `metadata.resourceVersion` to a fresh version); returns the stored version.
    @discardableResult
    public mutating func put(_ resource: String, _ object: JSON) throws(KubeError) -> StoredObject {
        let key = ObjectKey(namespace: object[path: ["metadata", "namespace"]]?.string ?? "",
                            name: object[path: ["metadata", "name"]]?.string ?? "")
        let previous = objects[resource]?[key]
        if previous == nil, count >= objectLimit {
            throw KubeError(code: 507, reason: "InsufficientStorage",
                            message: "the simulator holds its maximum of \(objectLimit) objects")
        }
        rv += 1
        var obj = object
        obj[path: ["metadata", "resourceVersion"]] = .string(String(rv))
        let stored = StoredObject(object: obj, resourceVersion: rv)
        undo.append((resource, key, previous))
        objects[resource, default: [:]][key] = stored
        if previous == nil { count += 1 }
        events.append(StoreEvent(type: previous == nil ? .added : .modified, resource: resource, object: stored,
                                 previous: previous, namespace: key.namespace))
        return stored
    }

    /// Removes an object; returns its last state (with a fresh resourceVersion), or nil if absent.
    @discardableResult
    public mutating func remove(_ resource: String, _ key: ObjectKey) -> StoredObject? {
        guard let previous = objects[resource]?[key] else { return nil }
        rv += 1
        var obj = previous.object
        obj[path: ["metadata", "resourceVersion"]] = .string(String(rv))
        let last = StoredObject(object: obj, resourceVersion: rv)
        undo.append((resource, key, previous))
        objects[resource]?[key] = nil
        count -= 1
        events.append(StoreEvent(type: .deleted, resource: resource, object: last, previous: previous, namespace: key.namespace))
        return last
    }

    mutating func rollback() {
        for (res, key, prev) in undo.reversed() {
            let had = objects[res]?[key] != nil
            objects[res, default: [:]][key] = prev
            if had && prev == nil { count -= 1 }
            if !had && prev != nil { count += 1 }
        }
        undo.removeAll()
        events.removeAll()
    }
}
