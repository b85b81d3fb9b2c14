import KFTemplate

/// `.Capabilities` (`*chartutil.Capabilities`): Kubernetes version, API versions, Helm version.
public struct Capabilities: TemplateObject {
    public var kubeVersion: KubeVersion
    public var apiVersions: [String]

    /// Capabilities for `kubeVersion` (e.g. `v1.24.0`, `1.17`, `v1.21.3+k3s1`) and Helm's default
    /// API version set (the groups client-go 0.24 knows).
    public init(kubeVersion: String, apiVersions: [String] = Capabilities.defaultAPIVersions) throws(ChartError) {
        self.kubeVersion = try KubeVersion(parsing: kubeVersion)
        self.apiVersions = apiVersions
    }

    public var goTypeName: String { "*chartutil.Capabilities" }
    public var goDescription: String {
        "&{\(kubeVersion.goDescription) [\(apiVersions.joined(separator: " "))] \(HelmVersionObject().goDescription)}"
    }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "KubeVersion": .object(kubeVersion)
        case "APIVersions": .object(VersionSetObject(versions: apiVersions))
        case "HelmVersion": .object(HelmVersionObject())
        default: nil
        }
    }

    /// `chartutil.DefaultVersionSet` of Helm v3.9.4 (client-go v0.24 scheme plus apiextensions).
    public static let defaultAPIVersions: [String] = [
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1",
        "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1", "apps/v1beta2",
        "authentication.k8s.io/v1", "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1",
        "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1",
        "autoscaling/v2beta2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1",
        "certificates.k8s.io/v1beta1", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1",
        "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1",
        "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1alpha1", "flowcontrol.apiserver.k8s.io/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1beta2", "networking.k8s.io/v1", "networking.k8s.io/v1beta1",
        "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1",
        "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1",
        "scheduling.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1",
        "storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
        "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
    ]
}

/// `chartutil.KubeVersion`: `Version` (`v1.24.0`), `Major`, `Minor`, method `GitVersion`.
public struct KubeVersion: TemplateObject, Equatable {
    public var version: String
    public var major: String
    public var minor: String

    /// Parses like Helm's `ParseKubeVersion` (Masterminds semver, normalised to `vX.Y.Z`).
    public init(parsing text: String) throws(ChartError) {
        var rest = Substring(text)
        if rest.first == "v" { rest = rest.dropFirst() }
        guard SemanticVersion.isValid(String(rest)) else {
            throw ChartError(.render, "Invalid Semantic Version: \(text)")
        }
        var suffix: Substring = ""
        if let i = rest.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            suffix = rest[i...]
            rest = rest[..<i]
        }
        var numbers = rest.split(separator: ".").map { String(UInt64($0) ?? 0) }
        while numbers.count < 3 { numbers.append("0") }
        version = "v" + numbers.joined(separator: ".") + suffix
        major = numbers[0]
        minor = numbers[1]
    }

    public var goTypeName: String { "chartutil.KubeVersion" }
    public var goDescription: String { version }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "Version", "GitVersion", "String": .string(version)
        case "Major": .string(major)
        case "Minor": .string(minor)
        default: nil
        }
    }
}

/// `chartutil.VersionSet` (`[]string` with method `Has`).
struct VersionSetObject: TemplateObject {
    let versions: [String]
    var goTypeName: String { "chartutil.VersionSet" }
    var goDescription: String { "[" + versions.joined(separator: " ") + "]" }
    func member(_ name: String) throws -> Value? { nil }
    func method(_ name: String) -> GoFunction? {
        guard name == "Has" else { return nil }
        let versions = versions
        return .plain([.string]) { args in
            guard case .string(let wanted)? = args.first else { return .bool(false) }
            return .bool(versions.contains(wanted))
        }
    }
}

/// `helmversion.BuildInfo` of the Helm v3.9.4 release binary.
struct HelmVersionObject: TemplateObject {
    var goTypeName: String { "version.BuildInfo" }
    var goDescription: String { "{v3.9.4 dbc6d8e20fe1d58d50e6ed30f09a04a77e4c68db clean go1.17.13}" }
    func member(_ name: String) throws -> Value? {
        switch name {
        case "Version": .string("v3.9.4")
        case "GitCommit": .string("dbc6d8e20fe1d58d50e6ed30f09a04a77e4c68db")
        case "GitTreeState": .string("clean")
        case "GoVersion": .string("go1.17.13")
        default: nil
        }
    }
}
