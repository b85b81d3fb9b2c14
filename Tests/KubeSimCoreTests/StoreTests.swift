import Testing
@testable import KubeSimCore

@Suite struct StoreTests {
    @Test func resourceVersionIsGlobalAndMonotonic() throws {
        let store = Store()
        let a = try store.write { tx throws(KubeError) in try tx.put("/configmaps", ["metadata": ["name": "a", "namespace": "d"]]) }
        let b = try store.write { tx throws(KubeError) in try tx.put("apps/deployments", ["metadata": ["name": "b", "namespace": "d"]]) }
        #expect(b.resourceVersion == a.resourceVersion + 1)
        #expect(b.object[path: ["metadata", "resourceVersion"]]?.string == String(b.resourceVersion))
        #expect(store.resourceVersion == b.resourceVersion)
    }

    @Test func failedTransactionRollsBack() throws {
        let store = Store()
        let before = store.resourceVersion
        #expect(throws: KubeError.self) {
            try store.write { tx throws(KubeError) in
                try tx.put("/configmaps", ["metadata": ["name": "a", "namespace": "d"]])
                throw KubeError.badRequest("boom")
            }
        }
        #expect(store.get("/configmaps", ObjectKey(namespace: "d", name: "a")) == nil)
        #expect(store.resourceVersion == before)
        #expect(store.count == 0)
    }

    @Test func watchResumesAfterAGivenVersion() async throws {
        let store = Store()
        let first = try store.write { tx throws(KubeError) in try tx.put("/configmaps", ["metadata": ["name": "a", "namespace": "d"]]) }
        try store.write { tx throws(KubeError) in try tx.put("/configmaps", ["metadata": ["name": "b", "namespace": "d"]]) }
        let sub = try store.watch("/configmaps", namespace: "d", from: .after(first.resourceVersion))
        #expect(sub.replay.map(\.object.name) == ["b"])
        #expect(sub.initial.isEmpty)
    }

    @Test func watchFromCompactedVersionIsExpired() throws {
        let store = Store()
        try store.write { tx throws(KubeError) in try tx.put("/configmaps", ["metadata": ["name": "a", "namespace": "d"]]) }
        store.compact()
        #expect(throws: KubeError.expired(1, store.resourceVersion)) { try store.watch("/configmaps", namespace: nil, from: .after(1)) }
    }

    @Test func watchDeliversLiveEvents() async throws {
        let store = Store()
        let sub = try store.watch("/configmaps", namespace: nil, from: .current)
        try store.write { tx throws(KubeError) in try tx.put("/configmaps", ["metadata": ["name": "a", "namespace": "d"]]) }
        var it = sub.stream.makeAsyncIterator()
        let ev = await it.next()
        #expect(ev?.type == .added)
        #expect(ev?.object.name == "a")
    }
}

@Suite struct SelectorTests {
    @Test func setBasedLabelSelectorsMatch() throws {
        let s = try LabelSelector(parsing: "app in (web,api),tier,!legacy,env!=prod")
        #expect(s.matches(["app": "web", "tier": "front"]))
        #expect(!s.matches(["app": "db", "tier": "front"]))
        #expect(!s.matches(["app": "web", "tier": "x", "legacy": "1"]))
        #expect(!s.matches(["app": "web", "tier": "x", "env": "prod"]))
    }

    @Test func malformedLabelSelectorIsBadRequest() {
        #expect(throws: KubeError.self) { try LabelSelector(parsing: "app in (web") }
    }

    @Test func unsupportedFieldSelectorIsRejected() {
        #expect(throws: KubeError.badRequest("field label not supported: spec.foo")) {
            try FieldSelector(parsing: "spec.foo=bar", kind: "Pod")
        }
    }

    @Test func fieldSelectorsMatchPodFields() throws {
        let s = try FieldSelector(parsing: "status.phase=Running,metadata.name!=x", kind: "Pod")
        #expect(s.matches(["metadata": ["name": "y"], "status": ["phase": "Running"]]))
        #expect(!s.matches(["metadata": ["name": "x"], "status": ["phase": "Running"]]))
    }
}
