import Foundation
import KFDatabase
import KFModels
import Testing

extension PipelineIntegrationTests {
    @Test("database and broker connections dropped mid-run: the processes reconnect and every job ends")
    func droppedConnectionsAreRecovered() async throws {
        try await Self.withStack(workerEnvironment: ["KUBEFATE_WORKER_HEARTBEAT": "1s"]) { stack in
            try await stack.startAPI()
            try stack.startWorkers(2)
            var ids: [String] = []
            for index in 0..<20 {
                ids.append(try await stack.submit(
                    name: "first-\(index)", namespace: "fate-14", spec: Self.spec(components: 3, duration: "300ms")).uuid)
            }
            try await waitUntil("some jobs run", timeout: .seconds(60)) {
                try await stack.jobStatusCounts()[.running, default: 0] > 0
            }
            let killed = try await stack.killDatabaseConnections()
            #expect(killed > 0)
            try await ServiceControl.closeConsumerConnections(queue: stack.queueName)
            for index in 0..<10 {
                var accepted: Job?
                try await waitUntil("the API accepts job second-\(index)", timeout: .seconds(60)) {
                    let response = try? await stack.install(
                        name: "second-\(index)", namespace: "fate-14", spec: Self.spec(components: 3, duration: "300ms"))
                    if response?.status == 200, let response { accepted = try PipelineStack.decodeJob(response) }
                    return accepted != nil
                }
                ids.append(accepted!.uuid)
            }
            try await waitUntil("all 30 jobs ended", timeout: .seconds(180), diagnostics: stack.diagnostics()) {
                try await stack.terminalJobCount() == 30
            }
            #expect(try await stack.jobStatusCounts() == [.success: 30])
        }
    }
}

extension PipelineStack {
    /// Kills every MariaDB connection using this stack's database except the one asking (the API's
    /// and the workers' pools must reconnect); returns how many it killed.
    func killDatabaseConnections() async throws -> Int {
        try await database.withConnection { connection in
            let rows = try await connection.query(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()", [.text(databaseName)])
            var killed = 0
            for row in rows {
                do {
                    _ = try await connection.execute("KILL CONNECTION \(try row.int(0))")
                    killed += 1
                } catch {
                    // Already gone.
                }
            }
            return killed
        }
    }
}

extension ServiceControl {
    /// Closes the broker connections of every consumer of `queue` (`rabbitmqctl close_connection`),
    /// as a broker failover would.
    static func closeConsumerConnections(queue: String) async throws {
        try await run("""
            vhost=${KUBEFATE_AMQP_VHOST:-kubefate}
            channels=$(rabbitmqctl -q list_consumers -p "$vhost" queue_name channel_pid | awk -v q='\(queue)' '$1 == q { print $2 }')
            [ -n "$channels" ] || { echo "no consumers on \(queue)"; exit 1; }
            rabbitmqctl -q list_channels pid connection >/tmp/kf-channels.$$
            for channel in $channels; do
              connection=$(awk -v c="$channel" '$1 == c { print $2 }' /tmp/kf-channels.$$)
              rabbitmqctl -q close_connection "$connection" "closed by PipelineTests"
            done
            rm -f /tmp/kf-channels.$$
            """)
    }
}
