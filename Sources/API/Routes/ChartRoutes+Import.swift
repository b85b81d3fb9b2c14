import Foundation
import KFCharts
import KFDatabase
import Logging

/// Turning chart files into store records and back, and the start-up import of
/// `KUBEFATE_CHARTS_DIR`.
enum ChartImport {
    /// Loads `files` (paths below the chart root) as a chart and makes the record stored for it.
    /// `source` names the upload or directory in errors.
    ///
    /// - Throws: 400 naming `file` when the files are no valid chart or lack
    ///   `values-template.yaml`, which every KubeFATE install needs.
    static func record(files: [String: [UInt8]], tenant: String?, source: String,
                       origin: ChartRecord.Origin = .upload) throws(APIError) -> ChartRecord {
        let chart: Chart
        do {
            chart = try Chart.load(files: files)
        } catch {
            throw APIError.invalid("file", "\(source) is not a valid chart: \(error.message)")
        }
        guard let valuesTemplate = chart.valuesTemplate else {
            throw APIError.invalid("file", "\(source) has no values-template.yaml at the chart root; KubeFATE charts need one to install clusters")
        }
        return ChartRecord(tenant: tenant, name: chart.name, version: chart.metadata.version, appVersion: chart.metadata.appVersion,
                           chart: chart.chartYAML, values: chart.valuesYAML ?? "", valuesTemplate: valuesTemplate,
                           valuesTemplateExample: chart.valuesTemplateExample ?? "",
                           templates: chart.templates.map { ChartRecord.TemplateFile(name: $0.name, data: $0.data) },
                           files: files, digest: digest(files), origin: origin)
    }

    /// The files of a loaded chart (what a directory load kept: `.helmignore`d files are gone).
    static func files(of chart: Chart) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = ["Chart.yaml": Array(chart.chartYAML.utf8)]
        if let values = chart.valuesYAML { files["values.yaml"] = Array(values.utf8) }
        if let schema = chart.schema { files["values.schema.json"] = schema }
        for file in chart.templates + chart.files { files[file.name] = file.data }
        return files
    }

    /// SHA-256 over the files in path order (`path NUL length NUL data` each).
    static func digest(_ files: [String: [UInt8]]) -> String {
        var bytes: [UInt8] = []
        for name in files.keys.sorted() {
            let data = files[name] ?? []
            bytes += Array(name.utf8) + [0] + Array(String(data.count).utf8) + [0] + data
        }
        return Crypto.sha256Hex(bytes)
    }

    /// The chart a record stores, ready to render.
    static func chart(_ record: ChartRecord) throws(ChartError) -> Chart {
        try Chart.load(files: record.chartFiles)
    }

    /// Loads every chart under `directories` (a directory holding `Chart.yaml`, or a `.tgz`) into
    /// the store as a global chart; one already stored with the same name, version and content is
    /// skipped, and an uploaded chart of the same name and version is kept (an administrator's
    /// upload wins). A chart that fails to load is logged and skipped. Returns how many were written.
    @discardableResult
    static func importDirectories(_ directories: [String], into charts: ChartRepository, logger: Logger) async throws -> Int {
        var written = 0
        let fm = FileManager.default
        for directory in directories {
            guard let entries = try? fm.contentsOfDirectory(atPath: directory) else {
                logger.info("chart directory not found; nothing to import", metadata: ["dir": "\(directory)"])
                continue
            }
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                let path = (directory as NSString).appendingPathComponent(entry)
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                let isChartDirectory = isDirectory.boolValue && fm.fileExists(atPath: (path as NSString).appendingPathComponent("Chart.yaml"))
                guard isChartDirectory || entry.hasSuffix(".tgz") else { continue }
                let record: ChartRecord
                do {
                    let files = isChartDirectory ? Self.files(of: try Chart.load(directory: path))
                                                 : try ChartArchive.files(fromTarGz: Array(fm.contents(atPath: path) ?? Data()))
                    record = try Self.record(files: files, tenant: nil, source: path, origin: .directory)
                } catch {
                    logger.error("chart not imported", metadata: ["path": "\(path)", "error": "\(error)"])
                    continue
                }
                switch try await charts.importChart(record) {
                case .inserted(let stored), .replaced(let stored):
                    written += 1
                    logger.info("chart imported", metadata: ["chart": "\(stored.name) \(stored.version)", "path": "\(path)"])
                case .unchanged:
                    logger.debug("chart unchanged", metadata: ["path": "\(path)"])
                case .keptUpload(let stored):
                    logger.notice("an uploaded chart of the same name and version is kept; the directory's is not imported",
                                  metadata: ["chart": "\(stored.name) \(stored.version)", "path": "\(path)"])
                }
            }
        }
        return written
    }
}
