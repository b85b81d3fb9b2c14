import Testing
import KFTemplate
@testable import KFCharts

@Suite struct ChartRendererTests {
    private func chart(_ templates: [String: String], values: String = "", extra: [String: String] = [:],
                       chartYAML: String = "apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: 1.16.0\n") throws -> Chart {
        var files: [String: [UInt8]] = ["Chart.yaml": Array(chartYAML.utf8), "values.yaml": Array(values.utf8)]
        for (name, text) in templates { files["templates/" + name] = Array(text.utf8) }
        for (name, text) in extra { files[name] = Array(text.utf8) }
        return try Chart.load(files: files)
    }

    private let release = ReleaseOptions(name: "rel", namespace: "ns")

    @Test func loadsChartYAMLWithGoFieldsAndDefaultsAPIVersion() throws {
        let c = try chart([:], chartYAML: "name: fate\nversion: v1.11.2\nappVersion: v1.11.2\nkeywords: [a, b]\n")
        #expect(c.metadata.apiVersion == "v1")
        #expect(c.metadata.keywords == ["a", "b"])
        #expect(c.templates.isEmpty)
    }

    @Test func refusesInvalidChartYAMLWithHelmsWords() {
        #expect(throws: ChartError(.invalidChart, "Chart.yaml file is missing")) { try Chart.load(files: ["values.yaml": []]) }
        #expect(throws: ChartError(.invalidChart, "validation: chart.metadata.version \"one\" is invalid")) {
            try chart([:], chartYAML: "apiVersion: v2\nname: x\nversion: one\n")
        }
        #expect(throws: ChartError(.invalidChart, "validation: chart.metadata.name is required")) {
            try chart([:], chartYAML: "apiVersion: v2\nversion: 1.0.0\n")
        }
    }

    @Test func numbersInChartYAMLBecomeStringsAsSigsYAMLDoes() throws {
        let c = try chart([:], chartYAML: "apiVersion: v2\nname: x\nversion: 1\nappVersion: 1.10\n")
        #expect(c.metadata.version == "1")
        #expect(c.metadata.appVersion == "1.1")
    }

    @Test func rendersBuiltInObjects() throws {
        let c = try chart(["a.yaml": "{{ .Chart.Name }} {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.Revision }} {{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.APIVersions.Has \"apps/v1\" }} {{ .Template.Name }} {{ .Template.BasePath }} [{{ .Files.Get \"data/x.txt\" }}]"],
                          extra: ["data/x.txt": "hello"])
        let out = try ChartRenderer.renderTemplates(chart: c, userValues: .null, release: release, kubeVersion: "1.17")
        #expect(out["mychart/templates/a.yaml"] == "mychart rel ns Helm 1 v1.17.0 true mychart/templates/a.yaml mychart/templates [hello]")
    }

    @Test func coalescesUserValuesAndRemovesNoValue() throws {
        let c = try chart(["a.yaml": "a={{ .Values.a }} b={{ .Values.b.c }} d={{ .Values.b.d }} m=[{{ .Values.missing }}]"],
                          values: "a: 1\nb: {c: 2, d: 3}\n")
        let user = try YAML.decodeHelm("b: {c: 20, d: null}")
        let out = try ChartRenderer.renderTemplates(chart: c, userValues: user, release: release)
        #expect(out["mychart/templates/a.yaml"] == "a=1 b=20 d= m=[]")
    }

    @Test func partialsAreParsedButNotRenderedAndLastDefineWins() throws {
        let c = try chart([
            "_helpers.tpl": "{{ define \"x\" }}top{{ end }}",
            "sub/_helpers.tpl": "{{ define \"x\" }}deep{{ end }}",
            "a.yaml": "x: {{ include \"x\" . }}",
        ])
        let out = try ChartRenderer.renderTemplates(chart: c, userValues: .null, release: release)
        #expect(out.keys.sorted() == ["mychart/templates/a.yaml"])
        #expect(out["mychart/templates/a.yaml"] == "x: top")
    }

    @Test func setMutatesValuesSeenByLaterTemplates() throws {
        // Execution order: deeper first, then reverse byte order: b.yaml before a.yaml.
        let c = try chart(["b.yaml": "{{ $_ := set .Values \"k\" \"v\" }}", "a.yaml": "k={{ .Values.k }}"])
        let out = try ChartRenderer.renderTemplates(chart: c, userValues: .null, release: release)
        #expect(out["mychart/templates/a.yaml"] == "k=v")
        #expect(c.values["k"] == nil)
    }

    @Test func reportsParseAndRequiredErrorsInHelmsWords() throws {
        let bad = try chart(["a.yaml": "a: 1\nb: {{ nofunc }}"])
        #expect(throws: ChartError(.render, "parse error at (mychart/templates/a.yaml:2): function \"nofunc\" not defined")) {
            try ChartRenderer.renderTemplates(chart: bad, userValues: .null, release: release)
        }
        let required = try chart(["a.yaml": "a: {{ required \"need a\" .Values.a }}"])
        #expect(throws: ChartError(.render, "execution error at (mychart/templates/a.yaml:1:6): need a")) {
            try ChartRenderer.renderTemplates(chart: required, userValues: .null, release: release)
        }
    }

    @Test func printsLikeHelmTemplateWithNotesExcludedAndHooksLast() throws {
        let c = try chart([
            "NOTES.txt": "Thanks {{ .Release.Name }}",
            "svc.yaml": "# licence\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n",
            "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
            "empty.yaml": "{{ if false }}x{{ end }}\n  \n",
            "tests/t.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    \"helm.sh/hook\": test\n",
            "unknown-hook.yaml": "kind: Pod\nmetadata:\n  name: u\n  annotations:\n    helm.sh/hook: nope\n",
        ], extra: ["values-template.yaml": "x: {{ .name }}\n"])
        let result = try ChartRenderer.render(chart: c, clusterSpec: ClusterSpec(yaml: "name: rel\nnamespace: ns\n"))
        #expect(result.release == ReleaseOptions(name: "rel", namespace: "ns"))
        #expect(result.valuesYAML == "x: rel\n")
        #expect(result.notes == "Thanks rel")
        #expect(result.manifests.map(\.kind) == ["ConfigMap", "Service", ""])
        #expect(result.hooks.map(\.name) == ["t"])
        #expect(result.hooks.first?.hook?.events == ["test"])
        #expect(result.helmTemplateOutput == """
            ---
            # Source: mychart/templates/cm.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
            ---
            # Source: mychart/templates/svc.yaml
            apiVersion: v1
            kind: Service
            metadata:
              name: s
            ---
            # Source: mychart/templates/svc.yaml
            # licence
            ---
            # Source: mychart/templates/tests/t.yaml
            apiVersion: v1
            kind: Pod
            metadata:
              name: t
              annotations:
                "helm.sh/hook": test

            """)
    }

    @Test func reportsYAMLErrorsOnTheRenderedFile() throws {
        let c = try chart(["bad.yaml": "a: [1\n"], extra: ["values-template.yaml": ""])
        #expect {
            try ChartRenderer.render(chart: c, clusterSpec: ClusterSpec(yaml: "name: rel"))
        } throws: { error in
            guard let e = error as? ChartError else { return false }
            return e.code == .manifest && e.message.hasPrefix("YAML parse error on mychart/templates/bad.yaml: ")
        }
    }

    @Test func valuesStepUsesKubeFATEsTemplateNameAndPlaceholders() throws {
        let spec = try ClusterSpec(yaml: "name: n\npartyId: 9999\n")
        #expect(try ValuesStep.render(valuesTemplate: "id: {{ .partyId }} inc: {{ include \"x\" . }} m: {{ .nope }}", spec: spec)
            == "id: 9999 inc: not implemented m: ")
        #expect(throws: ChartError(.valuesTemplate, "template: fate-values-templates:1: unexpected \"}\" in operand")) {
            try ValuesStep.render(valuesTemplate: "{{ .a }", spec: spec)
        }
    }
}
