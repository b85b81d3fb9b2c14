/// Options common to create, update and patch (`fieldManager`, `dryRun`, `fieldValidation`, `force`).
public struct WriteOptions: Sendable {
    /// The field manager recorded in managedFields.
    public var fieldManager: String = ""
    /// `dryRun=All`: validate and return the result without storing it.
    public var dryRun = false
    /// `Strict`, `Warn` (default) or `Ignore`.
    public var fieldValidation = "Warn"
    /// SSA `force`.
    public var force = false
    public init(fieldManager: String = "", dryRun: Bool = false, fieldValidation: String = "Warn", force: Bool = false) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
        self.fieldValidation = fieldValidation
        self.force = force
    }
}

/// `DeleteOptions` as the simulator honours them.
public struct DeleteOptions: Sendable {
    /// `Background`, `Foreground` or `Orphan`; nil for the resource's default.
    public var propagationPolicy: String?
    /// Grace period override (pods).
    public var gracePeriodSeconds: Int64?
    /// Precondition on uid.
    public var preconditionUID: String?
    /// Precondition on resourceVersion.
    public var preconditionRV: String?
    /// `dryRun=All`.
    public var dryRun = false
    public init(propagationPolicy: String? = nil, gracePeriodSeconds: Int64? = nil) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
    }

    /// Reads a `DeleteOptions` object (JSON or decoded protobuf).
    public init(object: JSON) {
        propagationPolicy = object["propagationPolicy"]?.string
        if propagationPolicy == nil, let orphan = object["orphanDependents"]?.bool {
            propagationPolicy = orphan ? "Orphan" : "Background"
        }
        gracePeriodSeconds = object["gracePeriodSeconds"]?.int
        preconditionUID = object[path: ["preconditions", "uid"]]?.string
        preconditionRV = object[path: ["preconditions", "resourceVersion"]]?.string
        dryRun = !(object["dryRun"]?.array ?? []).isEmpty
    }
}

/// What a delete did.
public enum DeleteOutcome: Sendable {
    /// The object is gone; its last state.
    case removed(StoredObject)
    /// The object stays (finalizers, graceful deletion); its new state with `deletionTimestamp`.
    case pending(StoredObject)
}
