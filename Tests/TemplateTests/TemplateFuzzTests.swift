import KFTemplate
import Testing

@Suite struct TemplateFuzzTests {
    static let fragments = [
        "{{", "}}", "{{- ", " -}}", " ", ".", ".a", ".a.b", ".list", ".m", "$", "$x", "$x := ", "$x = ", "$i, $v := ",
        "|", "(", ")", "if ", "else", "else if ", "end", "range ", "with ", "define \"t\"", "template \"t\" .",
        "block \"b\" .", "break", "continue", "\"s\"", "`raw`", "'c'", "1", "-2", "1.5", "0x1F", "1e3", "nil", "true",
        "print ", "printf \"%v %d %s\" ", "len ", "index ", "slice ", "include \"t\" . ", "tpl \"{{ .a }}\" . ",
        "default 1 ", "toYaml ", "fromYaml \"a: 1\" ", "toJson ", "eq ", "ne ", "lt ", "and ", "or ", "not ", "dict \"k\" ",
        "list 1 2 ", "set . \"k\" 1 ", "quote ", "indent 2 ", "upper ", "semverCompare \">=1\" ", "until 3 ",
        "/*", "*/", "{{/* c */}}", "\n", "é", "text ", ":", ",", "=", "\"",
    ]

    static let data: Value = .map([
        "a": .map(["b": .float64(1)]), "list": .list([.float64(1), .string("x"), .null]),
        "m": .map(["k": .string("v")]), "s": .string("str"),
        "Template": .map(["Name": .string("fuzz"), "BasePath": .string("fuzz")]),
    ])

    /// Parses and executes `text`; errors are expected, crashes and hangs are not.
    static func exercise(_ text: String, language: TemplateOptions.Language) {
        var set = TemplateSet(functions: .helm, options: TemplateOptions(missingKey: .zero, language: language))
        do {
            try set.parse(name: "fuzz", text: text)
            _ = try set.execute(name: "fuzz", data: data)
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test func randomTemplatesNeverCrashTheParserOrExecutor() {
        var rng = SplitMix(state: 0x5EED)
        for i in 0..<1500 {
            let count = Int.random(in: 1...24, using: &rng)
            var text = ""
            for _ in 0..<count { text += Self.fragments.randomElement(using: &rng)! }
            Self.exercise(text, language: i % 2 == 0 ? .go117 : .go118)
        }
    }

    @Test func mutatedValidTemplatesNeverCrash() {
        let seeds = [
            "{{ range $i, $v := .list }}{{ $i }}={{ $v | quote }}{{ else }}none{{ end }}",
            "{{- define \"t\" -}}{{ .a.b }}{{- end -}}{{ include \"t\" . | indent 2 }}",
            "{{ with .m }}{{ .k }}{{ else if .s }}{{ printf \"%5.2f|%-4s|%x\" 3.14159 \"ab\" 255 }}{{ end }}",
            "{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" (list 1 2) }}{{ toYaml $d }}{{ toJson $d }}",
            "{{ if and .a (eq .s \"str\") }}{{ index .list 1 }}{{ slice .list 1 }}{{ end }}{{/* c */}}",
            "{{ tpl \"{{ .s }}\" . }}{{ block \"b\" . }}{{ len .list }}{{ end }}{{ template \"b\" .m }}",
        ]
        var rng = SplitMix(state: 0xC0FFEE)
        for i in 0..<1500 {
            var bytes = Array(seeds[i % seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                guard !bytes.isEmpty else { break }
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(Array("{}|.$()\"`-' \n".utf8).randomElement(using: &rng)!, at: at)
                case 2: bytes[at] = UInt8.random(in: 0x20...0x7E, using: &rng)
                default:
                    let end = min(bytes.count, at + Int.random(in: 1...8, using: &rng))
                    bytes.insert(contentsOf: bytes[at..<end], at: at)
                }
            }
            Self.exercise(String(decoding: bytes, as: UTF8.self), language: i % 2 == 0 ? .go117 : .go118)
        }
    }

    @Test func deeplyNestedTemplatesParseOrFailWithoutCrashing() {
        let parens = "{{ " + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000) + " }}"
        var set = TemplateSet(functions: .helm)
        #expect(throws: TemplateError.self) { try set.parse(name: "p", text: parens) }
        let ifs = String(repeating: "{{ if true }}", count: 20_000) + "x" + String(repeating: "{{ end }}", count: 20_000)
        var deep = TemplateSet(functions: .helm)
        #expect(throws: Never.self) { try deep.parse(name: "i", text: ifs) }
        #expect((try? deep.execute(name: "i", data: .null)) == "x")
    }
}
