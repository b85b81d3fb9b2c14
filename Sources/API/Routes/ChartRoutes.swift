import Hummingbird
import KFCharts
import KFDatabase
import KFModels

/// KubeFATE's chart endpoints over the chart store: upload (`multipart/form-data`, field `file`,
/// a `helm package` archive), list, get, delete, and the values-template example.
///
/// Global charts (no `tenant` query parameter) are uploaded and deleted by platform admins; a
/// tenant's private charts (`?tenant=<uuid or name>`) by its admins. Everyone sees the global
/// charts and those of their tenants; a private chart of another tenant answers 404.
struct ChartRoutes {
    let deps: APIDependencies

    struct UploadData: Encodable, Sendable {
        var helmUUID: String
    }

    func register(on group: RouterGroup<APIRequestContext>) {
        group.post("chart") { request, context in try await upload(request, context) }
        group.get("chart") { request, context in try await list(request, context) }
        group.get("chart/{chartId}") { request, context in try await get(request, context) }
        group.delete("chart/{chartId}") { request, context in try await delete(request, context) }
        group.get("chart/valueTemplateExample/{chartName}/{chartVersion}") { request, context in try await example(request, context) }
    }

    func upload(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let caller = try context.principal
        let tenant = try await uploadTenant(request, caller: caller, context)
        let limit = deps.chartStore.maxUploadBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw Self.tooLarge(limit) }
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType]) else {
            throw APIError.invalid("file", "request Content-Type isn't multipart/form-data; send the chart package in the form field 'file'")
        }
        var request = request
        let body: [UInt8]
        do {
            body = Array(try await request.collectBody(upTo: limit).readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Self.tooLarge(limit)
        }
        let form = try MultipartForm(body: body, boundary: boundary)
        guard let file = form.part("file") else { throw APIError.invalid("file", "the form has no field 'file' holding the chart package") }
        let source = "chart archive '\(file.filename ?? "file")'"
        let files: [String: [UInt8]]
        do {
            files = try ChartArchive.files(fromTarGz: file.data)
        } catch {
            throw APIError.invalid("file", "\(source) cannot be read: \(error.message)")
        }
        let record = try ChartImport.record(files: files, tenant: tenant, source: source)
        let stored = try await mapErrors(context) { try await deps.charts.upload(record) }
        context.logger.info("chart uploaded", metadata: ["chart": "\(stored.name) \(stored.version)", "uuid": "\(stored.uuid)",
                                                         "tenant": "\(tenant ?? "global")"])
        return try JSONResponse.make(Envelope(data: UploadData(helmUUID: stored.uuid), msg: "CreateChart Success"))
    }

    func list(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let caller = try context.principal
        let charts = try await mapErrors(context) { try await deps.charts.charts(visibleTo: caller.visibleTenants) }
        return try JSONResponse.make(Envelope(data: charts, msg: "getChartList Success"))
    }

    func get(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let caller = try context.principal
        let chart = try await visibleChart(context, caller: caller)
        return try JSONResponse.make(Envelope(data: chart, msg: "getChart Success"))
    }

    func delete(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let caller = try context.principal
        let chart = try await visibleChart(context, caller: caller)
        if let tenant = chart.tenant {
            try caller.require(.admin, inTenant: tenant, to: "delete charts", notFound: Self.missing(chart.uuid))
        } else {
            try caller.requirePlatformAdmin(to: "delete global charts")
        }
        guard try await mapErrors(context, { try await deps.charts.delete(uuid: chart.uuid) }) else { throw Self.missing(chart.uuid) }
        return try JSONResponse.make(MessageBody(msg: "deleteChart Success"))
    }

    /// The `values-template-example.yaml` text of the chart an install of `chartName`
    /// `chartVersion` would use (the caller's tenant's private one first, `?tenant=` picks the
    /// tenant), "" when the chart has none.
    func example(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        let caller = try context.principal
        guard let name = context.parameters.get("chartName"), let version = context.parameters.get("chartVersion") else {
            throw APIError.notFound()
        }
        let record = try await resolve(name: name, version: version, caller: caller,
                                       tenant: request.uri.queryParameters.get("tenant"), context)
        return try JSONResponse.make(Envelope(data: record.valuesTemplateExample, msg: "getChartByNameVersion Success"))
    }

    // MARK: Helpers

    /// The chart a caller installs as `name` `version`: their tenant's private chart (the tenant
    /// given, or the first of theirs that has one), else the global one; 404 when none is visible.
    func resolve(name: String, version: String, caller: Principal, tenant: String?, _ context: APIRequestContext) async throws -> ChartRecord {
        let missing = APIError.notFound("chart \(name) version \(version) not found")
        if let tenant {
            let uuid = try await tenantUUID(tenant, context)
            try caller.require(.viewer, inTenant: uuid, to: "read charts", notFound: missing)
            guard let record = try await mapErrors(context, { try await deps.charts.chart(name: name, version: version, tenant: uuid) }) else { throw missing }
            return record
        }
        let visible = try await mapErrors(context) { try await deps.charts.charts(visibleTo: caller.visibleTenants) }
        let matches = visible.filter { $0.name == name && $0.version == version }
        guard let chosen = matches.first(where: { !$0.isGlobal }) ?? matches.first,
              let record = try await mapErrors(context, { try await deps.charts.chart(uuid: chosen.uuid) })
        else { throw missing }
        return record
    }

    /// The chart of the `{chartId}` parameter if the caller may see it; 404 (same body) otherwise.
    private func visibleChart(_ context: APIRequestContext, caller: Principal) async throws -> ChartRecord {
        guard let id = context.parameters.get("chartId") else { throw APIError.notFound() }
        guard let chart = try await mapErrors(context, { try await deps.charts.chart(uuid: id) }) else { throw Self.missing(id) }
        if let tenant = chart.tenant { try caller.require(.viewer, inTenant: tenant, to: "read charts", notFound: Self.missing(id)) }
        return chart
    }

    /// The tenant an upload is private to (`?tenant=`), after checking the caller administers
    /// it; nil (a global chart) only for platform admins.
    private func uploadTenant(_ request: Request, caller: Principal, _ context: APIRequestContext) async throws -> String? {
        guard let tenant = request.uri.queryParameters.get("tenant") else {
            try caller.requirePlatformAdmin(to: "upload global charts (name a tenant with ?tenant= for a private chart)")
            return nil
        }
        let uuid = try await tenantUUID(tenant, context)
        try caller.require(.admin, inTenant: uuid, to: "upload charts", notFound: .notFound("tenant \(tenant) not found"))
        return uuid
    }

    /// A tenant by uuid or name; 404 when unknown.
    private func tenantUUID(_ tenant: String, _ context: APIRequestContext) async throws -> String {
        let found = try await mapErrors(context) { () async throws -> Tenant? in
            if let byUUID = try await deps.users.tenant(uuid: tenant) { return byUUID }
            return try await deps.users.tenant(name: tenant)
        }
        guard let found else { throw APIError.notFound("tenant \(tenant) not found") }
        return found.uuid
    }

    static func missing(_ id: String) -> APIError { .notFound("chart \(id) not found") }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(status: .contentTooLarge,
                 message: "chart upload exceeds the limit of \(limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes") (KUBEFATE_CHART_MAX_BYTES)", field: "file")
    }
}
