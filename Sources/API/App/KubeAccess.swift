import KFKube
import Logging

/// The Kubernetes API the API process itself talks to (cluster logs): configured by the
/// kubeconfig named in `KUBECONFIG`, or the in-cluster service account when running in a pod.
/// Without either, the routes that need it answer 503 saying so.
struct KubeAccess: Sendable {
    let client: KubeClient?
    /// Why `client` is nil.
    let problem: String

    init(environment: [String: String], logger: Logger) {
        guard environment["KUBECONFIG"].map({ !$0.isEmpty }) == true || environment["KUBERNETES_SERVICE_HOST"] != nil else {
            client = nil
            problem = "no Kubernetes API is configured for kubefate-api (set KUBECONFIG)"
            return
        }
        do {
            client = KubeClient(config: try KubeConfig.fromEnvironment(environment))
            problem = ""
        } catch {
            logger.error("cannot use the Kubernetes configuration", metadata: ["error": "\(error)"])
            client = nil
            problem = "the Kubernetes configuration of kubefate-api is unusable: \(error.message)"
        }
    }

    /// The client, or 503 naming the problem.
    func require() throws(APIError) -> KubeClient {
        guard let client else { throw APIError.unavailable(problem) }
        return client
    }
}
