import Foundation
import KFTemplate

/// Where the CLI finds the service and credentials, strongest first:
/// 1. `KUBEFATE_URL` (full URL, e.g. `http://127.0.0.1:8080`), `KUBEFATE_USER`, `KUBEFATE_PASSWORD`;
/// 2. KubeFATE's `FATECLOUD_SERVICEURL`, `FATECLOUD_SAFECONNECT`, `FATECLOUD_USER_USERNAME`,
///    `FATECLOUD_USER_PASSWORD`;
/// 3. `config.yaml` in the current directory (`serviceurl`, `safeconnect`, `user.username`,
///    `user.password`), or the file named by `KUBEFATE_CLI_CONFIG`.
/// A CA bundle for https comes from `--cacert`, `KUBEFATE_CACERT`, `FATECLOUD_CACERT` or the file's
/// `cacert` key (relative to the file), in that order.
/// As in KubeFATE a missing config.yaml is an error, unless the environment names the service.
/// Unlike KubeFATE there is no built-in `admin`/`admin`: a missing password is an error.
struct CLIConfig: Sendable, Equatable {
    /// Base URL without a trailing slash, e.g. `http://127.0.0.1:8080`.
    var baseURL: String
    var username: String
    var password: String
    /// PEM file of CA certificates to trust for https, or nil for the system roots.
    var caFile: String? = nil
    /// Where the settings came from: the config file's path, or `environment`.
    var source: String = "environment"

    static func load(environment env: [String: String] = ProcessInfo.processInfo.environment,
                     currentDirectory: String = FileManager.default.currentDirectoryPath,
                     caFile flagCAFile: String? = nil) throws(CLIError) -> CLIConfig {
        func value(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        let path = value("KUBEFATE_CLI_CONFIG") ?? (currentDirectory + "/config.yaml")
        var file: Value?
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("load config.yaml error, cannot read \(path)")
            }
            do {
                file = try YAML.decodeHelm(String(decoding: data, as: UTF8.self))
            } catch {
                throw CLIError("load config.yaml error, \(path): \(error)")
            }
        } else if value("KUBEFATE_CLI_CONFIG") != nil {
            throw CLIError("load config.yaml error, \(path) does not exist")
        } else if value("KUBEFATE_URL") == nil && value("FATECLOUD_SERVICEURL") == nil {
            throw CLIError("load config.yaml error, Config File \"config\" Not Found in \"[\(currentDirectory)]\"")
        }
        let url: String
        if let direct = value("KUBEFATE_URL") {
            url = direct.contains("://") ? direct : "http://" + direct
        } else {
            let service = value("FATECLOUD_SERVICEURL") ?? file?["serviceurl"]?.string ?? "localhost:8080"
            let fromFile: String? = switch file?["safeconnect"] {
            case .bool(let flag)?: flag ? "true" : "false"
            case let other: other?.string
            }
            let safe = (value("FATECLOUD_SAFECONNECT") ?? fromFile) == "true"
            url = service.contains("://") ? service : (safe ? "https://" : "http://") + service
        }
        let user = value("KUBEFATE_USER") ?? value("FATECLOUD_USER_USERNAME") ?? file?["user"]?["username"]?.string ?? "admin"
        guard let password = value("KUBEFATE_PASSWORD") ?? value("FATECLOUD_USER_PASSWORD") ?? file?["user"]?["password"]?.string else {
            throw CLIError("no password configured: set KUBEFATE_PASSWORD (or user.password in config.yaml)")
        }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        var caFile = flagCAFile ?? value("KUBEFATE_CACERT") ?? value("FATECLOUD_CACERT")
        if caFile == nil, let fromFile = file?["cacert"]?.string, !fromFile.isEmpty {
            caFile = fromFile.hasPrefix("/") ? fromFile : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(fromFile).path
        }
        if let caFile, !FileManager.default.fileExists(atPath: caFile) {
            throw CLIError("CA bundle \(caFile) does not exist (--cacert, KUBEFATE_CACERT, FATECLOUD_CACERT or cacert in config.yaml)")
        }
        return CLIConfig(baseURL: base, username: user, password: password, caFile: caFile,
                         source: file == nil ? "environment" : path)
    }
}

/// A failure the CLI prints (to stderr) before exiting with `exitCode`.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    /// Whether trying again later may work: the service was unreachable or answered 5xx.
    var isTransient: Bool
    /// The HTTP status the service answered with, when the failure is an answer.
    var status: Int?

    init(_ message: String, exitCode: Int32 = 1, isTransient: Bool = false, status: Int? = nil) {
        self.message = message
        self.exitCode = exitCode
        self.isTransient = isTransient
        self.status = status
    }

    var description: String { message }
}
