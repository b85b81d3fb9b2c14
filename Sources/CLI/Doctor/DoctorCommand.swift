import ArgumentParser
import Foundation

/// `kubefate doctor`: checks the path to the service step by step (config, DNS, TCP, TLS, the
/// service's greeting, login and token, version skew) and prints one actionable line per problem. Exits 1 when any check fails.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: "Check the connection to the service and explain problems.")

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let report = await Doctor(cacert: connection.cacert).run()
        Terminal.write(report.text)
        if report.problems > 0 { throw ExitCode.failure }
    }
}

/// The checks behind `kubefate doctor`. A failed step ends the run: the later ones depend on it.
struct Doctor: Sendable {
    var cacert: String?
    var environment: [String: String] = ProcessInfo.processInfo.environment
    var currentDirectory: String = FileManager.default.currentDirectoryPath

    func run() async -> DoctorReport {
        var report = DoctorReport()
        let config: CLIConfig
        do throws(CLIError) {
            config = try CLIConfig.load(environment: environment, currentDirectory: currentDirectory, caFile: cacert)
        } catch {
            report.problem("config", "\(error.message): create config.yaml (serviceurl, user.username, user.password) in the "
                + "working directory, or set FATECLOUD_SERVICEURL and FATECLOUD_USER_PASSWORD")
            return report
        }
        report.ok("config", "\(config.source) -> \(config.baseURL) as \(config.username)"
            + (config.caFile.map { ", CA bundle \($0)" } ?? ""))
        guard let components = URLComponents(string: config.baseURL), let scheme = components.scheme, let host = components.host,
              !host.isEmpty else {
            report.problem("config", "serviceurl \(config.baseURL) has no host: set serviceurl to host[:port][/prefix]")
            return report
        }
        let secure = scheme == "https"
        let port = components.port ?? (secure ? 443 : 80)
        let http: CurlHTTPClient
        do throws(CLIError) {
            http = try CurlHTTPClient(timeout: 15, caFile: config.caFile)
        } catch {
            report.problem("config", error.message)
            return report
        }
        switch await http.resolve(host: host) {
        case .failure(let message):
            report.problem("dns", "cannot resolve \(host) (\(message)): check serviceurl in config.yaml or FATECLOUD_SERVICEURL, and the resolver")
            return report
        case .success(let addresses):
            report.ok("dns", "\(host) -> \(addresses.joined(separator: ", "))")
        }
        let hostPort = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        if let failure = await http.connect(url: "http://\(hostPort)/") {
            report.problem("tcp", "cannot connect to \(hostPort) (\(failure.message)): is kubefate-api running and listening there, "
                + "and is the port in serviceurl right?")
            return report
        }
        report.ok("tcp", "connected to \(hostPort)")
        guard checkTLS(secure: secure, failure: secure ? await http.connect(url: config.baseURL + "/") : nil, hostPort: hostPort,
                       report: &report) else { return report }
        await checkService(config: config, http: http, report: &report)
        return report
    }

    private func checkTLS(secure: Bool, failure: (code: Int, message: String)?, hostPort: String, report: inout DoctorReport) -> Bool {
        guard secure else {
            report.ok("tls", "not used (safeconnect is not true): the password and token travel in clear text")
            return true
        }
        guard let failure else {
            report.ok("tls", "handshake with \(hostPort) succeeded, certificate trusted")
            return true
        }
        // 60 peer verification failed, 77 CA file unreadable, 58 local certificate problem.
        if [60, 77, 58].contains(failure.code) {
            report.problem("tls", "the certificate of \(hostPort) is not trusted (\(failure.message)): pass --cacert <ca.pem>, "
                + "or set cacert in config.yaml or FATECLOUD_CACERT")
        } else {
            report.problem("tls", "TLS handshake with \(hostPort) failed (\(failure.message)): does the service serve https on "
                + "this port? Set safeconnect: false for plain http")
        }
        return false
    }

    /// `GET /` answers `{"msg":"kubefate run Success"}` on a kubefate service (no auth needed).
    private func checkRoot(config: CLIConfig, http: CurlHTTPClient, report: inout DoctorReport) async -> Bool {
        struct Root: Decodable { var msg: String }
        let answer: HTTPResult
        do throws(CLIError) {
            answer = try await http.send(method: "GET", url: config.baseURL + "/")
        } catch {
            report.problem("service", "GET \(config.baseURL)/ failed (\(error.message)): check the service's health and load balancer")
            return false
        }
        guard answer.status == 200, let root = try? JSONDecoder().decode(Root.self, from: Data(answer.body)),
              root.msg == "kubefate run Success" else {
            let start = String(decoding: answer.body.prefix(60), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            report.problem("service", "\(config.baseURL)/ answered \(answer.status) \"\(start)\", not kubefate's greeting: serviceurl "
                + "must point at the kubefate service, host[:port][/prefix]")
            return false
        }
        report.ok("service", "\(config.baseURL)/ is a kubefate service")
        return true
    }

    private func checkService(config: CLIConfig, http: CurlHTTPClient, report: inout DoctorReport) async {
        guard await checkRoot(config: config, http: http, report: &report) else { return }
        let client: KubefateClient
        let token: String
        do throws(CLIError) {
            client = try KubefateClient(config: config)
            token = try await client.login().token
        } catch {
            switch error.status {
            case 401?, 403?:
                report.problem("auth", "login as \(config.username) refused (\(error.message)): check user.username and "
                    + "user.password in config.yaml, or FATECLOUD_USER_USERNAME and FATECLOUD_USER_PASSWORD")
            case 429?:
                report.problem("auth", "login as \(config.username) is rate limited (\(error.message)): wait 5 minutes, then "
                    + "check the password")
            case 404?, 405?:
                report.problem("service", "\(config.baseURL)/v1/user/login does not exist (\(error.message)): serviceurl must point "
                    + "at the kubefate service, host[:port][/prefix]")
            default:
                report.problem("service", "login failed (\(error.message)): check that \(config.baseURL) is the kubefate service "
                    + "and that it is healthy")
            }
            return
        }
        let answer: HTTPResult
        do throws(CLIError) {
            answer = try await http.send(method: "GET", url: config.baseURL + "/v1/version",
                                         headers: ["Authorization: Bearer \(token)"])
        } catch {
            report.problem("service", "GET /v1/version failed (\(error.message)): check the service's health")
            return
        }
        if answer.status == 401 {
            report.problem("auth", "the service refused the token it has just issued (\(KubefateClient.failure(answer).message)): "
                + "give every API replica the same KUBEFATE_JWT_KEY and keep their clocks in sync")
            return
        }
        guard answer.status == 200, let version = try? JSONDecoder().decode(VersionEnvelope.self, from: Data(answer.body)) else {
            report.problem("service", "GET /v1/version answered \(KubefateClient.failure(answer).message): check that "
                + "\(config.baseURL) is the kubefate service")
            return
        }
        report.ok("auth", "logged in as \(config.username), token accepted")
        checkVersion(service: version.version, cli: VersionCommand.cliVersion, report: &report)
    }

    /// Major and minor must match; a patch difference is fine.
    func checkVersion(service: String, cli: String, report: inout DoctorReport) {
        func parts(_ text: String) -> [Int] {
            text.drop { $0 == "v" }.split(separator: ".").prefix(2).map { Int($0.prefix { $0.isNumber }) ?? -1 }
        }
        if parts(service) == parts(cli) {
            report.ok("version", "service \(service), CLI \(cli)")
        } else {
            report.problem("version", "service \(service) but this CLI speaks \(cli): use the kubefate CLI released with the service")
        }
    }
}
