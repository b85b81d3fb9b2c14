import KFTemplate
import Testing

@Suite struct SprigFunctionTests {
    private func render(_ text: String, _ data: Value = .null) throws(TemplateError) -> String {
        var set = TemplateSet(functions: .helm)
        try set.parse(name: "t", text: text)
        return try set.execute(name: "t", data: data).replacingOccurrences(of: "<no value>", with: "")
    }

    @Test func semverConstraintsFollowMasterminds() throws {
        #expect(try render("{{ semverCompare \"^1.2.0\" \"1.9.9\" }} {{ semverCompare \"~1.2\" \"1.3.0\" }} {{ semverCompare \">=1.19-0\" \"v1.24.0\" }}")
                == "true false true")
        #expect(try render("{{ (semver \"v1.2.3-rc.1+b\").Prerelease }}") == "rc.1")
    }

    @Test func datesFormatWithGoLayouts() throws {
        #expect(try render("{{ dateInZone \"Mon, 02 Jan 2006 15:04:05 MST\" 0 \"UTC\" }}") == "Thu, 01 Jan 1970 00:00:00 UTC")
        #expect(try render("{{ duration \"3661\" }} {{ durationRound \"49h\" }}") == "1h1m1s 2d")
    }

    @Test func numbersConvertLikeSpf13Cast() throws {
        #expect(try render("{{ int \"0x10\" }} {{ int 2.9 }} {{ int64 \"x\" }} {{ add 1 \"2\" 3.9 }}") == "16 2 0 6")
    }

    @Test func stringsOperateOnBytes() throws {
        #expect(try render("{{ trunc 3 \"héllo\" | len }} {{ substr 1 3 \"chart\" }} {{ indent 2 \"a\\n\" | quote }}")
                == "3 ha \"  a\\n  \"")
    }

    @Test func dictionariesAreSharedByReference() throws {
        #expect(try render("{{ $d := dict \"a\" 1 }}{{ $e := $d }}{{ $_ := set $e \"b\" 2 }}{{ $d }}") == "map[a:1 b:2]")
        #expect(try render("{{ $c := deepCopy .m }}{{ $_ := set $c \"x\" 1 }}{{ .m }}", .map(["m": .map([:])])) == "map[]")
    }

    @Test func digestsLoadLibcryptoOnFirstUseAndHashUTF8() throws {
        #expect(try render("{{ sha1sum \"abc\" }}") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(try render("{{ sha256sum \"abc\" }}") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try render("{{ sha256sum \"\" | trunc 8 }}") == "e3b0c442")
    }
}
