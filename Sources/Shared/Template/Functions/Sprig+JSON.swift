extension Sprig {
    /// Sprig's JSON functions (Helm replaces `toJson` and `fromJson` with its own).
    static let json: [String: GoFunction] = [
        "toJson": .plain([.interface]) { a in .string((try? JSON.encode(a[0])) ?? "") },
        "mustToJson": .plain([.interface]) { a in
            do { return .string(try JSON.encode(a[0])) } catch { throw codecError(error) }
        },
        "toPrettyJson": .plain([.interface]) { a in .string((try? JSON.encodePretty(a[0])) ?? "") },
        "mustToPrettyJson": .plain([.interface]) { a in
            do { return .string(try JSON.encodePretty(a[0])) } catch { throw codecError(error) }
        },
        "toRawJson": .plain([.interface]) { a in .string((try? JSON.encode(a[0], escapeHTML: false)) ?? "") },
        "mustToRawJson": .plain([.interface]) { a in
            do { return .string(try JSON.encode(a[0], escapeHTML: false)) } catch { throw codecError(error) }
        },
        "fromJson": .plain([.string]) { a in (try? JSON.decode(str(a[0]))) ?? .null },
        "mustFromJson": .plain([.string]) { a in
            do { return try JSON.decode(str(a[0])) } catch { throw codecError(error) }
        },
    ]
}

extension Sprig {
    /// A codec failure as a template function error (Go's message unchanged).
    static func codecError(_ e: any Error) -> GoError {
        GoError((e as? CodecError)?.message ?? "\(e)")
    }
}
