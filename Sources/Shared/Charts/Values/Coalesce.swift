import KFTemplate

/// Helm v3.9.4's value coalescing (`chartutil.CoalesceValues` for a chart without dependencies).
public enum Coalesce {
    /// Merges `user` values over the chart's `defaults` and returns a new map; neither input is changed.
    ///
    /// * a key only in `defaults` is taken from there;
    /// * a user `null` deletes the key when the chart has it (at any depth), and stays `null` otherwise;
    /// * two maps merge recursively (user wins);
    /// * lists and scalars replace wholesale, never merge;
    /// * a map against a non-map keeps the user side (Helm only logs a warning).
    ///
    /// - Parameter warn: receives Helm's warning texts for table/non-table conflicts.
    public static func values(_ user: GoMap, over defaults: GoMap, warn: (String) -> Void = { _ in }) -> GoMap {
        let result = deepCopy(user)
        let chartDefaults = deepCopy(defaults)
        for (key, chartValue) in chartDefaults.dictionary {
            guard let userValue = result[key] else {
                result[key] = chartValue
                continue
            }
            switch (userValue, chartValue) {
            case (.null, _):
                result.removeValue(forKey: key)
            case (.map(let dst), .map(let src)):
                tables(dst, src, prefix: key, warn: warn)
            case (.map, .null):
                break
            case (.map, _):
                warn("warning: skipped value for \(key): Not a table.")
            default:
                break
            }
        }
        return result
    }

    /// `coalesceTablesFullKey`: merges `src` into `dst` in place, `dst` wins.
    private static func tables(_ dst: GoMap, _ src: GoMap, prefix: String, warn: (String) -> Void) {
        for (key, srcValue) in src.dictionary {
            let fullKey = prefix.isEmpty ? key : prefix + "." + key
            guard let dstValue = dst[key] else {
                dst[key] = srcValue
                continue
            }
            switch (dstValue, srcValue) {
            case (.null, _):
                dst.removeValue(forKey: key)
            case (.map(let d), .map(let s)):
                tables(d, s, prefix: fullKey, warn: warn)
            case (_, .map):
                warn("warning: cannot overwrite table with non table for \(fullKey) (\(describe(srcValue)))")
            case (.map, .null):
                break
            case (.map, _):
                warn("warning: destination for \(fullKey) is a table. Ignoring non-table value (\(describe(srcValue)))")
            default:
                break
            }
        }
    }

    /// A deep copy of maps and lists (`copystructure.Copy`); scalars and objects are shared.
    public static func deepCopy(_ map: GoMap) -> GoMap {
        var entries: [String: Value] = [:]
        for (key, value) in map.dictionary { entries[key] = deepCopy(value) }
        return GoMap(entries, kind: map.kind)
    }

    /// A deep copy of a value's maps and lists.
    public static func deepCopy(_ value: Value) -> Value {
        switch value {
        case .map(let m): .map(deepCopy(m))
        case .list(let items): .list(items.map(deepCopy))
        default: value
        }
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .map: "map"
        case .list(let l): "list of \(l.count)"
        case .string(let s): s
        default: "\(value)"
        }
    }
}
