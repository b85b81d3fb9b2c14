import Testing
@testable import KubeSimCore

@Suite struct PatchTests {
    @Test func mergePatchRemovesNulls() {
        let r = Patches.mergePatch(["a": 1, "b": ["c": 2, "d": 3]], ["b": ["c": .null, "e": 4]])
        #expect(r == ["a": 1, "b": ["d": 3, "e": 4]])
    }

    @Test func jsonPatchAppliesOperations() throws {
        let r = try Patches.jsonPatch(["spec": ["list": [1, 2]]], [["op": "add", "path": "/spec/list/-", "value": 3],
                                                                   ["op": "replace", "path": "/spec/list/0", "value": 0]])
        #expect(r == ["spec": ["list": [0, 2, 3]]])
    }

    @Test func strategicMergeMergesContainersByName() {
        let ex = FieldExtractor(schemas: nil)
        let live: JSON = ["spec": ["containers": [["name": "a", "image": "x:1"], ["name": "b", "image": "y:1"]]]]
        let r = Patches.strategic(live, ["spec": ["containers": [["name": "b", "image": "y:2"]],
                                                  "$setElementOrder/containers": [["name": "a"], ["name": "b"]]]], ex: ex, schema: nil)
        #expect(r == ["spec": ["containers": [["name": "a", "image": "x:1"], ["name": "b", "image": "y:2"]]]])
        let del = Patches.strategic(live, ["spec": ["containers": [["name": "a", "$patch": "delete"]]]], ex: ex, schema: nil)
        #expect(del?[path: ["spec", "containers"]]?.array?.count == 1)
    }

    @Test func serverSideApplyDetectsConflictsBetweenManagers() async throws {
        let s = try Sim()
        let path = "/apis/apps/v1/namespaces/default/deployments/web"
        let first = await s.request("PATCH", path + "?fieldManager=kubectl", Sim.deployment("web", replicas: 2),
                                    contentType: "application/apply-patch+yaml")
        #expect(first.code == 201)
        let conflict = await s.request("PATCH", path + "?fieldManager=other", Sim.deployment("web", replicas: 5),
                                       contentType: "application/apply-patch+yaml")
        #expect(conflict.code == 409)
        #expect(conflict.body["message"] == "Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas")
        let forced = await s.request("PATCH", path + "?fieldManager=other&force=true", Sim.deployment("web", replicas: 5),
                                     contentType: "application/apply-patch+yaml")
        #expect(forced.code == 200)
        #expect(forced.body[path: ["spec", "replicas"]] == 5)
        let managers = (forced.body[path: ["metadata", "managedFields"]]?.array ?? []).compactMap { $0["manager"]?.string }
        #expect(Set(managers) == ["kubectl", "other"])
    }

    @Test func applyRemovesFieldsTheManagerNoLongerApplies() async throws {
        let s = try Sim()
        let path = "/api/v1/namespaces/default/configmaps/c"
        await s.request("PATCH", path + "?fieldManager=m", Sim.configMap("c", ["a": "1", "b": "2"]), contentType: "application/apply-patch+yaml")
        let r = await s.request("PATCH", path + "?fieldManager=m", Sim.configMap("c", ["a": "1"]), contentType: "application/apply-patch+yaml")
        #expect(r.body["data"] == ["a": "1"])
    }

    @Test func patchWithStaleResourceVersionConflicts() async throws {
        let s = try Sim()
        await s.request("POST", "/api/v1/namespaces/default/configmaps", Sim.configMap("c"))
        let r = await s.request("PATCH", "/api/v1/namespaces/default/configmaps/c", ["metadata": ["resourceVersion": "1"], "data": ["x": "y"]],
                                contentType: "application/merge-patch+json")
        #expect(r.code == 409)
    }
}
