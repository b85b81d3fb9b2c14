import KFModels

/// The component schemas of the OpenAPI document (the wire shapes of kubefate-api.md §2 plus ours).
enum OpenAPISchemas {
    static var all: [String: JSONValue] {
        var schemas: [String: JSONValue] = [
            "Object": .object(["type": .string("object")]),
            "Message": object(["msg": string], required: ["msg"]),
            "Error": object(["error": string, "field": string, "job_id": string], required: ["error"]),
            "AuthError": object(["code": integer, "message": string], required: ["code", "message"]),
            "Code": object(["code": integer], required: ["code"]),
            "Probe": object(["status": string, "checks": .object(["type": .string("object"), "additionalProperties": string])]),
            "Version": object(["msg": string, "version": string], required: ["msg", "version"]),
            "Login": object(["username": string, "password": string], required: ["username", "password"]),
            "Token": object(["code": integer, "expire": dateTime, "token": string], required: ["code", "token"]),
            "ClusterRequest": object([
                "name": string, "namespace": string, "chart_name": string, "chart_version": string, "cover": boolean,
                "Keep_upgrade_job": boolean, "data": describe(string, "base64 of the cluster spec (cluster.yaml)"),
            ], required: ["name", "namespace", "chart_name", "chart_version", "data"]),
            "ClusterArgs": object([
                "name": string, "namespace": string, "chart_name": string, "chart_version": string, "cover": boolean,
                "Keep_upgrade_job": boolean, "data": describe(string, "base64 of the cluster spec"),
            ]),
            "SubJob": object([
                "ModuleName": string, "Status": string, "ModulesStatus": string, "PodStatus": string, "Reason": string,
                "StartTime": dateTime, "EndTime": dateTime, "Duration": string,
            ]),
            "Job": object([
                "uuid": string, "start_time": dateTime, "end_time": dateTime, "method": string, "cluster_id": string,
                "creator": string, "sub_jobs": nullable(map(ref("SubJob"))), "status": string, "time_limit": integer,
                "meta_data": nullable(ref("ClusterArgs")), "states": nullable(array(string)), "attempt": integer,
                "reason": nullable(string), "tenant": nullable(string), "lease_owner": nullable(string),
                "lease_until": nullable(dateTime), "ID": integer, "CreatedAt": dateTime, "UpdatedAt": dateTime,
                "DeletedAt": nullable(dateTime),
            ], required: ["uuid", "method", "status"]),
            "StopBody": object(["data": string, "job": ref("Job"), "msg": string], required: ["data", "msg"]),
            "DryRun": object([
                "manifest": describe(string, "the rendered release manifest"),
                "diff": describe(string, "unified diff against the running release's manifest (empty when equal)"),
                "values": describe(string, "the Helm values the spec produces"),
            ], required: ["manifest", "diff", "values"]),
            "JobOrDryRunEnvelope": object(["msg": string, "data": .object(["oneOf": .array([ref("Job"), ref("DryRun")])])],
                                          required: ["msg", "data"]),
            "TemplateFile": object(["name": string, "data": describe(string, "base64")]),
            "HelmChart": object([
                "uuid": string, "name": string, "chart": string, "values": string, "values_template": string,
                "values_template_example": string, "templates": array(ref("TemplateFile")), "version": string,
                "app_version": string, "tenant": nullable(describe(string, "the tenant the chart is private to; null: global")),
                "ID": integer, "CreatedAt": dateTime, "UpdatedAt": dateTime, "DeletedAt": nullable(dateTime),
            ], required: ["uuid", "name", "version"]),
            "ChartUpload": object(["helmUUID": string], required: ["helmUUID"]),
            "AuditEntry": object([
                "id": integer, "at": dateTime, "actor": string, "tenant": nullable(string), "action": string, "target": string,
                "outcome": string, "detail": nullable(string),
            ], required: ["id", "at", "actor", "action", "outcome"]),
            "Cluster": object([
                "uuid": string, "name": string, "namespaces": string, "chart_name": string, "chart_version": string,
                "values": string, "Spec": nullable(ref("Object")), "revision": integer, "helm_revision": integer,
                "chart_values": nullable(ref("Object")), "status": string, "Info": nullable(ref("Object")), "tenant": nullable(string),
                "ID": integer, "CreatedAt": dateTime, "UpdatedAt": dateTime, "DeletedAt": nullable(dateTime),
            ], required: ["uuid", "name", "namespaces", "status"]),
            "User": object([
                "uuid": string, "username": string, "email": string, "userStatus": string, "admin": boolean,
                "ID": integer, "CreatedAt": dateTime, "UpdatedAt": dateTime, "DeletedAt": nullable(dateTime),
            ], required: ["uuid", "username"]),
            "UserRequest": object(["username": string, "password": string, "email": string, "userStatus": string]),
            "Tenant": object([
                "uuid": string, "name": string, "ID": integer, "CreatedAt": dateTime,
                "clusterQuota": nullable(integer), "jobQuota": nullable(integer),
            ], required: ["uuid", "name"]),
            "TenantRequest": object(["name": string, "clusterQuota": nullable(integer), "jobQuota": nullable(integer)]),
            "MemberRequest": object(["role": .object(["type": .string("string"), "enum": .array([.string("viewer"), .string("operator"), .string("admin")])])],
                                    required: ["role"]),
            "Member": object(["tenant": string, "username": string, "role": string]),
            "Namespace": object(["name": string, "status": string, "labels": nullable(map(string)), "annotations": nullable(map(string)),
                                 "age": string, "tenant": string], required: ["name"]),
            "NamespaceRequest": object(["name": string, "tenant": string], required: ["name", "tenant"]),
        ]
        for (name, data) in [("ClusterEnvelope", ref("Cluster")), ("ClusterListEnvelope", array(ref("Cluster"))),
                             ("UserEnvelope", ref("User")), ("UserListEnvelope", array(ref("User"))),
                             ("TenantEnvelope", ref("Tenant")), ("TenantListEnvelope", array(ref("Tenant"))),
                             ("MemberEnvelope", ref("Member")), ("NamespaceEnvelope", ref("Namespace")),
                             ("NamespaceListEnvelope", array(ref("Namespace")))] {
            schemas[name] = object(["msg": string, "data": data], required: ["msg", "data"])
        }
        for (name, data) in [("JobEnvelope", ref("Job")), ("JobListEnvelope", array(ref("Job"))),
                             ("ChartEnvelope", ref("HelmChart")), ("ChartListEnvelope", array(ref("HelmChart"))),
                             ("ChartUploadEnvelope", ref("ChartUpload")), ("StringEnvelope", string),
                             ("AuditListEnvelope", array(ref("AuditEntry")))] {
            schemas[name] = object(["msg": string, "data": data], required: ["msg", "data"])
        }
        return schemas
    }

    static let string: JSONValue = .object(["type": .string("string")])
    static let integer: JSONValue = .object(["type": .string("integer")])
    static let boolean: JSONValue = .object(["type": .string("boolean")])
    static let dateTime: JSONValue = .object(["type": .string("string"), "format": .string("date-time")])

    static func ref(_ name: String) -> JSONValue { OpenAPIOperation.ref(name) }

    static func array(_ items: JSONValue) -> JSONValue { .object(["type": .string("array"), "items": items]) }

    static func map(_ values: JSONValue) -> JSONValue { .object(["type": .string("object"), "additionalProperties": values]) }

    /// OpenAPI 3.0 nullability (a `$ref` cannot carry siblings, so it is wrapped in `allOf`).
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var fields) = schema else { return schema }
        if fields["$ref"] != nil { return .object(["allOf": .array([schema]), "nullable": .bool(true)]) }
        fields["nullable"] = .bool(true)
        return .object(fields)
    }

    static func describe(_ schema: JSONValue, _ text: String) -> JSONValue {
        guard case .object(var fields) = schema, fields["$ref"] == nil else { return schema }
        fields["description"] = .string(text)
        return .object(fields)
    }

    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var fields: [String: JSONValue] = ["type": .string("object"), "properties": .object(properties)]
        if !required.isEmpty { fields["required"] = .array(required.map { .string($0) }) }
        return .object(fields)
    }
}
