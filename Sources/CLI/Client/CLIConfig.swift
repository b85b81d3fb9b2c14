import Foundation

/// Where the CLI finds the service and credentials, strongest first:
/// 1. `KUBEFATE_URL` (full URL, e.g. `http://127.0.0.1:8080`), `KUBEFATE_USER`, `KUBEFATE_PASSWORD`;
/// 2. KubeFATE's `FATECLOUD_SERVICEURL`, `FATECLOUD_SAFECONNECT`, `FATECLOUD_USER_USERNAME`,
///    `FATECLOUD_USER_PASSWORD`;
/// 3. `config.yaml` in the current directory (`serviceurl`, `safeconnect`, `user.username`,
///    `user.password`), or the file named by `KUBEFATE_CLI_CONFIG`.
/// Unlike KubeFATE there is no built-in `admin`/`admin`: a missing password is an error.
struct CLIConfig: Sendable, Equatable {
    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:8080`.
    var baseURL: String
    var username: String
    var password: String

    static func load(environment env: [String: String] = ProcessInfo.processInfo.environment,
                     currentDirectory: String = FileManager.default.currentDirectoryPath) throws(CLIError) -> CLIConfig {
        func value(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        let path = value("KUBEFATE_CLI_CONFIG") ?? (currentDirectory + "/config.yaml")
        var file: YAMLNode?
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("load config.yaml error, cannot read \(path)")
            }
            do {
                file = try YAMLNode.parse(Array(data))
            } catch {
                throw CLIError("load config.yaml error, \(path): \(error)")
            }
        } else if value("KUBEFATE_CLI_CONFIG") != nil {
            throw CLIError("load config.yaml error, \(path) does not exist")
        }
        let url: String
        if let direct = value("KUBEFATE_URL") {
            url = direct.contains("://") ? direct : "http://" + direct
        } else {
            let service = value("FATECLOUD_SERVICEURL") ?? file?["serviceurl"]?.string ?? "localhost:8080"
            let safe = (value("FATECLOUD_SAFECONNECT") ?? file?["safeconnect"]?.string) == "true"
            url = service.contains("://") ? service : (safe ? "https://" : "http://") + service
        }
        let user = value("KUBEFATE_USER") ?? value("FATECLOUD_USER_USERNAME") ?? file?["user"]?["username"]?.string ?? "admin"
        guard let password = value("KUBEFATE_PASSWORD") ?? value("FATECLOUD_USER_PASSWORD") ?? file?["user"]?["password"]?.string else {
            throw CLIError("no password configured: set KUBEFATE_PASSWORD (or user.password in config.yaml)")
        }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return CLIConfig(baseURL: base, username: user, password: password)
    }
}

/// A failure the CLI prints (to stderr) before exiting with `exitCode`.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    /// Whether trying again later may work: the service was unreachable or answered 5xx.
    var isTransient: Bool

    init(_ message: String, exitCode: Int32 = 1, isTransient: Bool = false) {
        self.message = message
        self.exitCode = exitCode
        self.isTransient = isTransient
    }

    var description: String { message }
}
