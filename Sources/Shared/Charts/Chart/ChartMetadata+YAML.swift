import KFTemplate

extension ChartMetadata {
    /// Decodes Chart.yaml like `sigs.k8s.io/yaml.Unmarshal` into `chart.Metadata`.
    init(yaml: String) throws(ChartError) {
        let document = try ChartYAML.decodeStructured(yaml)
        let f = try SigsFields(document, typeName: "Metadata", fields: [
            "name", "home", "sources", "version", "description", "keywords", "maintainers", "icon",
            "apiVersion", "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion",
            "dependencies", "type",
        ])
        self.init()
        name = try f.string("name")
        home = try f.string("home")
        sources = try f.strings("sources")
        version = try f.string("version")
        description = try f.string("description")
        keywords = try f.strings("keywords")
        icon = try f.string("icon")
        apiVersion = try f.string("apiVersion")
        condition = try f.string("condition")
        tags = try f.string("tags")
        appVersion = try f.string("appVersion")
        deprecated = try f.bool("deprecated")
        annotations = try f.stringMap("annotations")
        kubeVersion = try f.string("kubeVersion")
        type = try f.string("type")
        for item in try f.list("maintainers") {
            let m = try SigsFields(item, typeName: "Metadata", path: "maintainers.", fields: ["name", "email", "url"])
            var maintainer = Maintainer()
            maintainer.name = try m.string("name")
            maintainer.email = try m.string("email")
            maintainer.url = try m.string("url")
            maintainers.append(maintainer)
        }
        for item in try f.list("dependencies") {
            let d = try SigsFields(item, typeName: "Metadata", path: "dependencies.", fields: [
                "name", "version", "repository", "condition", "tags", "enabled", "alias",
            ])
            var dependency = Dependency()
            dependency.name = try d.string("name")
            dependency.version = try d.string("version")
            dependency.repository = try d.string("repository")
            dependency.condition = try d.string("condition")
            dependency.tags = try d.strings("tags")
            dependency.enabled = try d.bool("enabled")
            dependency.alias = try d.string("alias")
            dependencies.append(dependency)
        }
    }
}
