import Testing
import KFTemplate
@testable import KFCharts

@Suite struct RenderObjectsTests {
    @Test(arguments: [("v1.24.0", "v1.24.0", "1", "24"), ("1.17", "v1.17.0", "1", "17"),
                      ("v1.21.3+k3s1", "v1.21.3+k3s1", "1", "21"), ("1", "v1.0.0", "1", "0")])
    func parsesKubeVersionsLikeHelm(input: String, version: String, major: String, minor: String) throws {
        let v = try KubeVersion(parsing: input)
        #expect(v.version == version)
        #expect(v.major == major)
        #expect(v.minor == minor)
    }

    @Test func rejectsInvalidKubeVersions() {
        #expect(throws: ChartError.self) { try KubeVersion(parsing: "latest") }
    }

    @Test func capabilitiesExposeGoMembers() throws {
        let caps = try Capabilities(kubeVersion: "v1.17.0")
        guard case .object(let kube)? = try caps.member("KubeVersion") else { Issue.record("object"); return }
        #expect(kube.goDescription == "v1.17.0")
        guard case .string(let git)? = try kube.member("GitVersion") else { Issue.record("string"); return }
        #expect(git == "v1.17.0")
        guard case .object(let apis)? = try caps.member("APIVersions") else { Issue.record("APIVersions"); return }
        #expect(apis.method("Has") != nil)
    }

    @Test func chartObjectUsesGoFieldNamesAndRejectsUnknownFields() throws {
        var metadata = ChartMetadata()
        metadata.name = "fate"
        metadata.version = "v1.11.2"
        metadata.appVersion = "v1.11.2"
        metadata.apiVersion = "v1"
        let chart = ChartObject(metadata: metadata, isRoot: true)
        guard case .string(let name)? = try chart.member("Name"), case .bool(true)? = try chart.member("IsRoot") else {
            Issue.record("members"); return
        }
        #expect(name == "fate")
        #expect(try chart.member("name") == nil)
        #expect(try chart.member("Nope") == nil)
    }

    @Test(arguments: [("fate-9999", true), ("a.b-c", true), ("Fate", false), ("-a", false), ("a_b", false),
                      ("", false), (String(repeating: "a", count: 54), false), (String(repeating: "a", count: 53), true)])
    func validatesReleaseNamesLikeHelm(name: String, valid: Bool) {
        #expect(ReleaseOptions.isValidName(name) == valid)
    }

    @Test(arguments: [("*.yaml", "a.yaml", true), ("*.yaml", "d/a.yaml", false), ("**.yaml", "d/a.yaml", true),
                      ("config/*", "config/x", true), ("config/?", "config/xy", false), ("{a,b}.txt", "b.txt", true),
                      ("[a-c]x", "bx", true), ("[!a-c]x", "bx", false)])
    func globsLikeGobwas(pattern: String, path: String, matches: Bool) {
        #expect(Glob(pattern).matches(path) == matches)
    }

    @Test(arguments: [(1.0, "1"), (1.1, "1.1"), (1_000_000, "1e+06"), (123_456, "123456"), (0.0001, "0.0001"),
                      (0.00001, "1e-05"), (-2.5, "-2.5"), (16_777_216, "1.6777216e+07")])
    func formatsFloat32LikeGo(value: Double, text: String) {
        #expect(GoFloat.formatG(value, bitSize: 32) == text)
    }

    @Test(arguments: [("v1.11.2", true), ("1.2.0", true), ("0.7.355", true), ("v1.2.2-a", true), ("1.2", true),
                      ("1.2.3+build.1", true), ("1.2.3.4", false), ("x1", false), ("", false), ("1.-", false)])
    func checksChartVersionsLikeMastermindsSemver(version: String, valid: Bool) {
        #expect(SemanticVersion.isValid(version) == valid)
    }

    @Test func sortsTemplatesDeepestFirstInReverseByteOrder() {
        let names = ["c/templates/a.yaml", "c/templates/b/x.yaml", "c/templates/_h.tpl", "c/templates/b/_h.tpl", "c/templates/z.yaml"]
        #expect(ChartRenderer.sortTemplates(names) == [
            "c/templates/b/x.yaml", "c/templates/b/_h.tpl", "c/templates/z.yaml", "c/templates/a.yaml", "c/templates/_h.tpl",
        ])
    }
}
