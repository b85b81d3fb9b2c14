import Foundation

extension KubeConfig {
    /// The configuration a process should use: the file named by `KUBECONFIG` (first entry),
    /// else `~/.kube/config`, else the in-cluster service account.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(KubeError) -> KubeConfig {
        if let list = environment["KUBECONFIG"], let first = list.split(separator: ":").first {
            return try load(path: String(first))
        }
        if let home = environment["HOME"], FileManager.default.fileExists(atPath: "\(home)/.kube/config") {
            return try load(path: "\(home)/.kube/config")
        }
        return try inCluster(environment: environment)
    }

    /// Reads a kubeconfig file and resolves one context (the current one by default).
    /// Relative file paths inside it are relative to the file's folder, as kubectl does.
    public static func load(path: String, context contextName: String? = nil) throws(KubeError) -> KubeConfig {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw KubeError(.configuration, "cannot read kubeconfig \(path)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        return try parse(text, file: path, folder: folder, context: contextName)
    }

    /// Resolves one context of a kubeconfig document.
    static func parse(_ text: String, file: String, folder: String, context contextName: String?) throws(KubeError) -> KubeConfig {
        let root = try KubeconfigYAML.parse(text, file: file)
        guard let name = contextName ?? root["current-context"]?.string, !name.isEmpty else {
            throw KubeError(.configuration, "\(file): no context given and current-context is not set")
        }
        let context = try entry(root, list: "contexts", name: name, field: "context", file: file)
        guard let clusterName = context["cluster"]?.string else {
            throw KubeError(.configuration, "\(file): context \(name) names no cluster")
        }
        let cluster = try entry(root, list: "clusters", name: clusterName, field: "cluster", file: file)
        guard let server = cluster["server"]?.string, !server.isEmpty else {
            throw KubeError(.configuration, "\(file): cluster \(clusterName) has no server")
        }
        let user: KubeJSON = try context["user"]?.string.map { userName throws(KubeError) in
            try entry(root, list: "users", name: userName, field: "user", file: file)
        } ?? .object([:])

        func source(_ data: String, _ path: String) throws(KubeError) -> TLSSettings.Source? {
            if let encoded = user[data]?.string ?? cluster[data]?.string {
                guard let bytes = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters) else {
                    throw KubeError(.configuration, "\(file): \(data) is not valid base64")
                }
                return .data(Array(bytes))
            }
            guard let file = user[path]?.string ?? cluster[path]?.string else { return nil }
            return .file(file.hasPrefix("/") ? file : "\(folder)/\(file)")
        }
        let tls = TLSSettings(
            certificateAuthority: try source("certificate-authority-data", "certificate-authority"),
            clientCertificate: try source("client-certificate-data", "client-certificate"),
            clientKey: try source("client-key-data", "client-key"),
            insecureSkipVerify: cluster["insecure-skip-tls-verify"]?.bool ?? false)
        var credential = Credential.none
        if let token = user["token"]?.string {
            credential = .bearer(token)
        } else if let tokenFile = user["tokenFile"]?.string {
            credential = .bearerFile(tokenFile.hasPrefix("/") ? tokenFile : "\(folder)/\(tokenFile)")
        } else if let username = user["username"]?.string, let password = user["password"]?.string {
            credential = .basic(username: username, password: password)
        }
        return KubeConfig(server: server, tls: tls, credential: credential, namespace: context["namespace"]?.string ?? "default")
    }

    private static func entry(_ root: KubeJSON, list: String, name: String, field: String, file: String) throws(KubeError) -> KubeJSON {
        for item in root[list]?.array ?? [] where item["name"]?.string == name {
            return item[field] ?? .object([:])
        }
        throw KubeError(.configuration, "\(file): no \(field) named \(name) in \(list)")
    }

    /// The service account a pod runs as: `KUBERNETES_SERVICE_HOST`/`_PORT` and the mounted token,
    /// CA and namespace under `/var/run/secrets/kubernetes.io/serviceaccount`.
    public static func inCluster(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 accountFolder: String = "/var/run/secrets/kubernetes.io/serviceaccount") throws(KubeError) -> KubeConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], let port = environment["KUBERNETES_SERVICE_PORT"] else {
            throw KubeError(.configuration, "no kubeconfig (KUBECONFIG, ~/.kube/config) and not running in a cluster (KUBERNETES_SERVICE_HOST unset)")
        }
        let namespace = (try? String(contentsOfFile: "\(accountFolder)/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "default"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return KubeConfig(server: "https://\(hostPart):\(port)",
                          tls: TLSSettings(certificateAuthority: .file("\(accountFolder)/ca.crt")),
                          credential: .bearerFile("\(accountFolder)/token"),
                          namespace: namespace)
    }
}
