import KFDatabase
import KFDeploy
import KFKube

extension JobContext {
    /// Reads the cluster's info from Kubernetes and stores it, at the end of a successful install
    /// or update (the job's finish then sets the status). A failure is logged, never fails the job:
    /// the health refresher writes the info on its next round.
    func recordClusterInfo(client: KubeClient) async {
        let cluster = claim.cluster
        do {
            let info = try await ClusterInfoReader(client: client).read(name: cluster.name, namespace: cluster.namespace)
            try await ClusterRepository(pool: writer.repository.pool).writeInfo(clusterID: cluster.uuid, info: try info.jsonText())
        } catch {
            logger.warning("cluster info not stored", metadata: ["error": "\(error)"])
        }
    }
}
