/// The kubeconfig clients use to reach a simulator.
public enum Kubeconfig {
    /// A kubeconfig with one cluster, user and context named `kubesim`.
    public static func text(server: String, token: String = "kubesim") -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: kubesim
          cluster:
            server: \(server)
        users:
        - name: kubesim
          user:
            token: \(token)
        contexts:
        - name: kubesim
          context:
            cluster: kubesim
            user: kubesim
            namespace: default
        current-context: kubesim
        preferences: {}

        """
    }
}
