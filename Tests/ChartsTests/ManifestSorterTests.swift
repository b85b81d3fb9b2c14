import Testing
@testable import KFCharts

@Suite struct ManifestSorterTests {
    @Test func visitsFilesInByteOrderAndSkipsPartialsAndBlankFiles() throws {
        let files = [
            "c/templates/b.yaml": "kind: Service\nmetadata:\n  name: b\n",
            "c/templates/a.yaml": "kind: Service\nmetadata:\n  name: a\n---\nkind: ConfigMap\nmetadata:\n  name: a-cm\n",
            "c/templates/_helpers.tpl": "kind: Secret\n",
            "c/templates/blank.yaml": " \n\n",
        ]
        let (manifests, hooks) = try ManifestSorter.sort(files: files)
        #expect(manifests.map(\.name) == ["a-cm", "a", "b"])
        #expect(manifests.map(\.source) == ["c/templates/a.yaml", "c/templates/a.yaml", "c/templates/b.yaml"])
        #expect(hooks.isEmpty)
    }

    @Test func readsHeadsLikeSigsYAML() throws {
        let object = try ManifestSorter.head(of: """
            apiVersion: v1
            Kind: Pod
            metadata:
              name: 123
              namespace: ns
              annotations:
                helm.sh/hook: "pre-install, Post-Install"
                helm.sh/hook-weight: 5
                helm.sh/hook-delete-policy: before-hook-creation
            """, source: "c/templates/p.yaml")
        #expect(object.kind == "Pod")
        #expect(object.name == "123")
        #expect(object.namespace == "ns")
        #expect(object.hook == .init(events: ["pre-install", "post-install"], weight: 5, deletePolicies: ["before-hook-creation"]))
    }

    @Test func commentOnlyAndDashOnlyDocumentsHaveAnEmptyKind() throws {
        #expect(try ManifestSorter.head(of: "# only a comment", source: "x").kind == "")
        #expect(try ManifestSorter.head(of: "---", source: "x").kind == "")
    }

    @Test func refusesNonScalarAnnotationsAndNonMappingDocuments() {
        #expect(throws: ChartError.self) {
            try ManifestSorter.sort(files: ["c/templates/x.yaml": "metadata:\n  annotations:\n    a: [1]\n"])
        }
        #expect(throws: ChartError.self) {
            try ManifestSorter.sort(files: ["c/templates/x.yaml": "- a\n- b\n"])
        }
        do {
            _ = try ManifestSorter.sort(files: ["c/templates/x.yaml": "a: [1\n"])
        } catch {
            #expect(error.message.hasPrefix("YAML parse error on c/templates/x.yaml: "))
        }
    }
}
