import Testing
@testable import KFQueue

@Suite struct AMQPConfigTests {
    @Test func emptyEnvironmentGivesTheLocalDefaults() throws {
        let config = try AMQPConfig(environment: [:])
        #expect(config == AMQPConfig())
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 5672)
        #expect(config.vhost == "kubefate")
        #expect(config.queue == "kubefate.jobs")
    }

    @Test func environmentOverridesEveryField() throws {
        let config = try AMQPConfig(environment: [
            "KUBEFATE_AMQP_HOST": "mq.example", "KUBEFATE_AMQP_PORT": "5673", "KUBEFATE_AMQP_USER": "u",
            "KUBEFATE_AMQP_PASSWORD": "p", "KUBEFATE_AMQP_VHOST": "v", "KUBEFATE_AMQP_QUEUE": "q",
            "KUBEFATE_AMQP_HEARTBEAT": "0",
        ])
        #expect(config == AMQPConfig(host: "mq.example", port: 5673, user: "u", password: "p", vhost: "v",
                                     queue: "q", heartbeat: .zero))
    }

    @Test(arguments: [("KUBEFATE_AMQP_PORT", "http"), ("KUBEFATE_AMQP_PORT", "70000"), ("KUBEFATE_AMQP_HEARTBEAT", "-1")])
    func malformedNumbersNameTheVariable(variable: String, value: String) {
        #expect {
            _ = try AMQPConfig(environment: [variable: value])
        } throws: { error in
            let error = error as? AMQPError
            return error?.code == .invalidConfig && error?.context["field"] == variable
        }
    }

    @Test func overlongQueueNameIsRejected() {
        #expect(throws: AMQPError.self) {
            _ = try AMQPConfig(environment: ["KUBEFATE_AMQP_QUEUE": String(repeating: "q", count: 256)])
        }
    }

    @Test func errorDescriptionCarriesCodeMessageAndContext() {
        let error = AMQPError(.connect, "cannot connect", context: ["port": "1", "host": "h"])
        #expect(error.description == "AMQPError.connect: cannot connect (host=h port=1)")
    }
}
