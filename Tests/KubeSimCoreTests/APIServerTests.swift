import Foundation
import Testing
@testable import KubeSimCore

@Suite struct APIServerTests {
    @Test func createThenGetFillsServerMetadata() async throws {
        let s = try Sim()
        let r = await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("web"))
        #expect(r.code == 201)
        let d = await s.get("/apis/apps/v1/namespaces/default/deployments/web")
        #expect(d["kind"] == "Deployment")
        #expect(d[path: ["metadata", "generation"]] == 1)
        #expect(d[path: ["metadata", "uid"]]?.string?.count == 36)
        #expect(d[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] == "25%")
    }

    @Test func notFoundAndAlreadyExistsBodiesMatchTheApiserver() async throws {
        let s = try Sim()
        let nf = await s.request("GET", "/api/v1/namespaces/default/configmaps/nosuch")
        #expect(nf.code == 404)
        #expect(nf.body == ["kind": "Status", "apiVersion": "v1", "metadata": .emptyObject, "status": "Failure",
                            "message": "configmaps \"nosuch\" not found", "reason": "NotFound",
                            "details": ["name": "nosuch", "kind": "configmaps"], "code": 404])
        await s.request("POST", "/api/v1/namespaces/default/configmaps", Sim.configMap("a"))
        let dup = await s.request("POST", "/api/v1/namespaces/default/configmaps", Sim.configMap("a"))
        #expect(dup.code == 409)
        #expect(dup.body["reason"] == "AlreadyExists")
        let grp = await s.request("GET", "/apis/apps/v1/namespaces/default/deployments/x")
        #expect(grp.body["message"] == "deployments.apps \"x\" not found")
        #expect(grp.body[path: ["details", "group"]] == "apps")
    }

    @Test func createInMissingNamespaceIsNotFound() async throws {
        let s = try Sim()
        let r = await s.request("POST", "/api/v1/namespaces/nope/configmaps", Sim.configMap("a"))
        #expect(r.code == 404)
        #expect(r.body["message"] == "namespaces \"nope\" not found")
    }

    @Test func staleResourceVersionConflicts() async throws {
        let s = try Sim()
        let created = await s.request("POST", "/api/v1/namespaces/default/configmaps", Sim.configMap("a")).body
        var v1 = created
        v1["data"] = ["k": "one"]
        #expect(await s.request("PUT", "/api/v1/namespaces/default/configmaps/a", v1).code == 200)
        var stale = created
        stale["data"] = ["k": "two"]
        let r = await s.request("PUT", "/api/v1/namespaces/default/configmaps/a", stale)
        #expect(r.code == 409)
        #expect(r.body["message"] == "Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again")
        var unconditional = created
        unconditional[path: ["metadata", "resourceVersion"]] = ""
        #expect(await s.request("PUT", "/api/v1/namespaces/default/configmaps/a", unconditional).code == 200)
    }

    @Test func listsChunkWithContinueTokens() async throws {
        let s = try Sim()
        for i in 0..<5 { await s.request("POST", "/api/v1/namespaces/default/configmaps", Sim.configMap("c\(i)")) }
        var names: [String] = []
        var token = ""
        repeat {
            let page = await s.get("/api/v1/namespaces/default/configmaps?limit=2" + (token.isEmpty ? "" : "&continue=\(token)"))
            #expect(page["kind"] == "ConfigMapList")
            names += (page["items"]?.array ?? []).compactMap { $0[path: ["metadata", "name"]]?.string }
            token = page[path: ["metadata", "continue"]]?.string?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        } while !token.isEmpty
        #expect(names == ["c0", "c1", "c2", "c3", "c4"])
    }

    @Test func labelSelectorFiltersLists() async throws {
        let s = try Sim()
        var a = Sim.configMap("a"); a[path: ["metadata", "labels"]] = ["app": "web"]
        var b = Sim.configMap("b"); b[path: ["metadata", "labels"]] = ["app": "db"]
        await s.request("POST", "/api/v1/namespaces/default/configmaps", a)
        await s.request("POST", "/api/v1/namespaces/default/configmaps", b)
        let l = await s.get("/api/v1/namespaces/default/configmaps?labelSelector=app%3Dweb")
        #expect(l["items"]?.array?.count == 1)
    }

    @Test func aggregatedDiscoveryIsNegotiatedExactly() async throws {
        let s = try Sim()
        let agg = await s.request("GET", "/apis", accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
        #expect(agg.body["kind"] == "APIGroupDiscoveryList")
        #expect(agg.headers.contains { $0.0 == "Content-Type" && $0.1.contains("v=v2;as=APIGroupDiscoveryList") })
        let legacy = await s.request("GET", "/apis", accept: "application/json")
        #expect(legacy.body["kind"] == "APIGroupList")
    }

    @Test func tableOutputHasPodColumns() async throws {
        let s = try Sim()
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("web", replicas: 1))
        s.advance(3)
        let t = await s.request("GET", "/api/v1/namespaces/default/pods", accept: "application/json;as=Table;v=v1;g=meta.k8s.io").body
        #expect(t["kind"] == "Table")
        #expect((t["columnDefinitions"]?.array ?? []).prefix(5).compactMap { $0["name"]?.string } == ["Name", "Ready", "Status", "Restarts", "Age"])
        let cells = t["rows"]?.array?.first?["cells"]?.array ?? []
        #expect(cells[1] == "1/1")
        #expect(cells[2] == "Running")
    }

    @Test func watchListRequiresBookmarksOrIsRejected() async throws {
        let s = try Sim()
        let r = await s.request("GET", "/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true")
        #expect(r.code == 422)
        #expect(r.body["reason"] == "Invalid")
    }

    @Test func scaleSubresourceReturnsAutoscalingScale() async throws {
        let s = try Sim()
        await s.request("POST", "/apis/apps/v1/namespaces/default/deployments", Sim.deployment("web"))
        let r = await s.request("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", ["spec": ["replicas": 4]],
                                contentType: "application/merge-patch+json")
        #expect(r.body["kind"] == "Scale")
        #expect(r.body["apiVersion"] == "autoscaling/v1")
        #expect(await s.get("/apis/apps/v1/namespaces/default/deployments/web")[path: ["spec", "replicas"]] == 4)
    }

    @Test func injectedApiErrorsFailMatchingRequests() async throws {
        let s = try Sim(faults: [FaultRule(effect: .apiError, verbs: ["create"], resources: ["configmaps"], code: 429)])
        let r = await s.request("POST", "/api/v1/namespaces/default/configmaps", Sim.configMap("a"))
        #expect(r.code == 429)
        #expect(r.body["reason"] == "TooManyRequests")
        #expect(await s.request("GET", "/api/v1/namespaces/default/configmaps").code == 200)
    }

    @Test func protobufSecretEnvelopeDecodes() async throws {
        // k8s\0 + Unknown{typeMeta{apiVersion:"v1",kind:"Secret"}, raw: Secret{metadata{name:"s"}, type:"Opaque"}}
        func ld(_ field: UInt8, _ bytes: [UInt8]) -> [UInt8] { [field << 3 | 2, UInt8(bytes.count)] + bytes }
        let meta = ld(1, Array("s".utf8)) + ld(6, [])
        let secret = ld(1, meta) + ld(3, Array("Opaque".utf8))
        let typeMeta = ld(1, Array("v1".utf8)) + ld(2, Array("Secret".utf8))
        let body = Array("k8s".utf8) + [0] + ld(1, typeMeta) + ld(2, secret)
        let s = try Sim()
        let req = APIRequest(method: "POST", target: "/api/v1/namespaces/default/secrets",
                             headers: ["Content-Type": "application/vnd.kubernetes.protobuf", "Accept": "application/vnd.kubernetes.protobuf,application/json"],
                             body: body)
        let r = await s.sim.handle(req)
        #expect(r.status == 201)
        #expect(await s.get("/api/v1/namespaces/default/secrets/s")["type"] == "Opaque")
    }

    @Test func yamlBodiesAreAccepted() async throws {
        let s = try Sim()
        let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  enabled: \"true\"\n"
        let req = APIRequest(method: "POST", target: "/api/v1/namespaces/default/configmaps",
                             headers: ["Content-Type": "application/yaml"], body: Array(yaml.utf8))
        #expect(await s.sim.handle(req).status == 201)
        #expect(await s.get("/api/v1/namespaces/default/configmaps/y")[path: ["data", "enabled"]] == "true")
    }
}

@Suite struct CustomResourceTests {
    @Test func customResourceDefinitionServesItsResource() async throws {
        let s = try Sim()
        let crd: JSON = ["apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": ["name": "widgets.example.com"],
                         "spec": ["group": "example.com", "scope": "Namespaced",
                                  "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]],
                                  "versions": [["name": "v1", "served": true, "storage": true,
                                                "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]]]]
        #expect(await s.request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd).code == 201)
        let cr: JSON = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w"], "spec": ["size": 3]]
        #expect(await s.request("POST", "/apis/example.com/v1/namespaces/default/widgets", cr).code == 201)
        #expect(await s.get("/apis/example.com/v1/namespaces/default/widgets/w")[path: ["spec", "size"]] == 3)
        let established = await s.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
        #expect(established[path: ["status", "conditions"]]?.array?.contains { $0["type"] == "Established" } == true)
        await s.request("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
        #expect(await s.request("GET", "/apis/example.com/v1/namespaces/default/widgets/w").code == 404)
    }

    @Test func bearerTokenIsRequiredWhenConfigured() async throws {
        var config = ClusterConfig()
        config.bearerToken = "secret"
        let sim = try KubeSim(config: config)
        let denied = await sim.handle(APIRequest(method: "GET", target: "/api/v1/namespaces"))
        #expect(denied.status == 401)
        let ok = await sim.handle(APIRequest(method: "GET", target: "/api/v1/namespaces", headers: ["Authorization": "Bearer secret"]))
        #expect(ok.status == 200)
    }
}

/// Needs PyPI kubernetes-validate's schemas: `KUBESIM_SCHEMAS=<...>/kubernetes-json-schema/v1.32.0-local`.
@Suite(.enabled(if: Sim.schemaPath != nil)) struct SchemaValidationTests {
    @Test func strictValidationRejectsUnknownFields() async throws {
        let s = try Sim(schemas: true)
        var cm = Sim.configMap("bad")
        cm["bogus"] = 1
        let create = await s.request("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", cm)
        #expect(create.code == 400)
        #expect(create.body["message"] == "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"bogus\"")
        let warn = await s.request("POST", "/api/v1/namespaces/default/configmaps", cm)
        #expect(warn.code == 201)
        #expect(warn.headers.contains { $0.0 == "Warning" && $0.1.contains("unknown field \\\"bogus\\\"") })
        let apply = await s.request("PATCH", "/api/v1/namespaces/default/configmaps/x?fieldManager=m&fieldValidation=Strict", cm,
                                    contentType: "application/apply-patch+yaml")
        #expect(apply.code == 400)
        #expect(apply.body["message"]?.string?.hasSuffix(".bogus: field not declared in schema") == true)
    }

    @Test func openAPIDocumentsAdvertiseFieldValidation() async throws {
        let s = try Sim(schemas: true)
        let index = await s.get("/openapi/v3")
        let url = index[path: ["paths", "apis/apps/v1", "serverRelativeURL"]]?.string ?? ""
        #expect(url.hasPrefix("/openapi/v3/apis/apps/v1?hash="))
        let doc = await s.get(url)
        let patch = doc[path: ["paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch"]]
        #expect(patch?["x-kubernetes-group-version-kind"] == ["group": "apps", "version": "v1", "kind": "Deployment"])
        #expect(patch?["parameters"]?.array?.contains { $0["name"] == "fieldValidation" } == true)
        #expect(doc[path: ["components", "schemas", "io.k8s.api.apps.v1.Deployment"]] != nil)
    }
}
