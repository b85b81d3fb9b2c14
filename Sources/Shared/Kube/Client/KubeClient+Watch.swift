/// One change of a watched collection.
public struct WatchEvent: Sendable {
    public enum Kind: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK", error = "ERROR"
    }

    public var kind: Kind
    public var object: KubeJSON
}

/// What `observe` reports: the full state after every (re)list, then each change.
public enum ObservedChange: Sendable {
    case snapshot([KubeJSON])
    case event(WatchEvent)
}

extension KubeClient {
    /// Streams changes from `resourceVersion` on. The server ends the stream after `timeoutSeconds`;
    /// an expired resourceVersion ends it with a `KubeError` whose `isExpired` is true.
    public func watch(apiVersion: String, kind: String, namespace: String?, labelSelector: String? = nil, fieldSelector: String? = nil,
                      resourceVersion: String?, timeoutSeconds: Int = 300) async throws -> AsyncThrowingStream<WatchEvent, any Error> {
        let resource = try await resource(apiVersion: apiVersion, kind: kind)
        var query = [("watch", "true"), ("allowWatchBookmarks", "true"), ("timeoutSeconds", String(timeoutSeconds))]
        if let resourceVersion, !resourceVersion.isEmpty { query.append(("resourceVersion", resourceVersion)) }
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector { query.append(("fieldSelector", fieldSelector)) }
        // The server ends the watch; curl's own limit only guards against a server that never does.
        let request = try makeRequest(.get, resource.path(namespace: namespace), query: query, body: nil,
                                      contentType: "application/json", accept: "application/json",
                                      timeout: .seconds(timeoutSeconds + 30))
        let lines = try await stream(request)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await line in lines {
                        let json = try KubeJSON.decode(line)
                        guard let type = json["type"]?.string, let kind = WatchEvent.Kind(rawValue: type) else { continue }
                        let object = json["object"] ?? .null
                        if kind == .error {
                            let code = object["code"]?.int.map(Int.init)
                            throw KubeError(.server, "watch \(resource.apiVersion) \(resource.kind): \(object["message"]?.string ?? "error")",
                                            status: code, reason: object["reason"]?.string)
                        }
                        continuation.yield(WatchEvent(kind: kind, object: object))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Lists, then watches from the list's resourceVersion, resuming after each server timeout and
    /// relisting when the version expired (410). Ends only when the consumer stops or on a
    /// non-retryable error.
    public func observe(apiVersion: String, kind: String, namespace: String?, labelSelector: String? = nil,
                        fieldSelector: String? = nil) -> AsyncThrowingStream<ObservedChange, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var version: String?
                    while !Task.isCancelled {
                        if version == nil {
                            let list = try await listAll(apiVersion: apiVersion, kind: kind, namespace: namespace,
                                                         labelSelector: labelSelector, fieldSelector: fieldSelector)
                            continuation.yield(.snapshot(list.items))
                            version = list.resourceVersion
                        }
                        do {
                            let events = try await watch(apiVersion: apiVersion, kind: kind, namespace: namespace, labelSelector: labelSelector,
                                                         fieldSelector: fieldSelector, resourceVersion: version)
                            for try await event in events {
                                if let next = event.object[path: "metadata", "resourceVersion"]?.string { version = next }
                                if event.kind != .bookmark { continuation.yield(.event(event)) }
                            }
                        } catch let error as KubeError where error.isExpired {
                            version = nil
                        } catch let error as KubeError where error.isRetryable {
                            try await Task.sleep(for: .milliseconds(200))
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
