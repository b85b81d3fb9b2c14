import Foundation
import KFKube
import KubeSimCore

/// The real Helm v4 library, driven through `Support/helm_interop.py` in a subprocess.
///
/// The Python and library paths come from `PY` and `HELM_SDKPY_PATH` (what
/// `eval "$(../shared/tools/kube-fidelity/setup.sh)"` exports); without them the setup script is
/// run once to prepare and print them.
struct HelmLibrary: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let python: String
    let sdkPath: String
    let kubeconfig: String
    let script: String

    /// Prepares the library (if the environment does not name it) and writes a kubeconfig for `server`.
    static func prepare(server: String) throws -> HelmLibrary {
        let environment = ProcessInfo.processInfo.environment
        var python = environment["PY"], sdkPath = environment["HELM_SDKPY_PATH"]
        if python == nil || sdkPath == nil {
            let exports = try runSetup()
            python = exports["PY"]
            sdkPath = exports["HELM_SDKPY_PATH"]
        }
        guard let python, let sdkPath else { throw Failure(description: "kube-fidelity setup.sh printed no PY / HELM_SDKPY_PATH") }
        let kubeconfig = FileManager.default.temporaryDirectory.appendingPathComponent("helm-interop-\(UUID().uuidString).kubeconfig").path
        try Kubeconfig.text(server: server).write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        return HelmLibrary(python: python, sdkPath: sdkPath, kubeconfig: kubeconfig,
                           script: DeployTestPaths.repositoryRoot.appendingPathComponent("scripts/helm_interop.py").path)
    }

    /// Runs `helm_interop.py <arguments>` and decodes the JSON it prints.
    func run(_ arguments: [String]) async throws -> KubeJSON {
        let output = try await Subprocess.run(python, [script] + arguments,
                                              environment: ["KUBECONFIG": kubeconfig, "HELM_SDKPY_PATH": sdkPath])
        let json = try KubeJSON.decode(Array(output.stdout.utf8))
        if output.status != 0 || json["error"] != nil {
            throw Failure(description: "helm \(arguments.joined(separator: " ")) exited \(output.status): \(output.stdout) \(output.stderr)")
        }
        return json
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: kubeconfig)
    }

    private static func runSetup() throws -> [String: String] {
        let setup = DeployTestPaths.sharedDirectory.appendingPathComponent("tools/kube-fidelity/setup.sh").path
        let output = try Subprocess.runBlocking("/bin/bash", [setup], environment: [:])
        guard output.status == 0 else { throw Failure(description: "\(setup) exited \(output.status): \(output.stderr)") }
        // export PY='…' HELM_SDKPY_PATH='…' KUBECTL='…'
        var exports: [String: String] = [:]
        for word in output.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }) where word.contains("=") {
            let parts = word.split(separator: "=", maxSplits: 1)
            exports[String(parts[0])] = String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        return exports
    }
}
