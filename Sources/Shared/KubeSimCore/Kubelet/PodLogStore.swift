import Synchronization

/// Container log lines the kubelet writes, by pod uid and container, capped per container.
public final class PodLogStore: Sendable {
    /// One line with its virtual timestamp.
    public struct Line: Sendable {
        public var time: Double
        public var text: String
    }
    struct Key: Hashable { var uid: String; var container: String; var previous: Bool }
    let lines = Mutex<[Key: [Line]]>([:])
    /// Maximum lines kept per container.
    public let cap = 1000

    public init() {}

    /// Appends a line.
    public func append(uid: String, container: String, time: Double, _ text: String) {
        lines.withLock { l in
            let k = Key(uid: uid, container: container, previous: false)
            l[k, default: []].append(Line(time: time, text: text))
            if l[k]!.count > cap { l[k]!.removeFirst(l[k]!.count - cap) }
        }
    }

    /// Moves the current log to "previous" (container restart).
    public func rotate(uid: String, container: String) {
        lines.withLock { l in
            l[Key(uid: uid, container: container, previous: true)] = l[Key(uid: uid, container: container, previous: false)]
            l[Key(uid: uid, container: container, previous: false)] = []
        }
    }

    /// The lines of a container.
    public func read(uid: String, container: String, previous: Bool = false) -> [Line] {
        lines.withLock { $0[Key(uid: uid, container: container, previous: previous)] ?? [] }
    }

    /// Forgets a pod.
    public func remove(uid: String) {
        lines.withLock { l in for k in l.keys where k.uid == uid { l[k] = nil } }
    }
}
