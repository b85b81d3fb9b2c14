import Foundation
import Testing
import KFModels

/// `JSONValue.parse` (the fast path for stored `Spec`/`Info`) agrees with `JSONDecoder`.
@Suite struct JSONValueParseTests {
    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e\"f\\g\/h\n\u00e9\ud83d\ude00"},"n":-1.5e+3,"z":0}"#,
        #"  [ 1 , 2.25 , "x" , { } , [ ] ]  "#, #""plain""#, "1000000", "-0", #"{"partyId":9999,"modules":["python","mysql"]}"#,
        #"{"a":{"b":{"c":{"d":[1,[2,[3]]]}}}}"#,
    ])
    func parsesLikeJSONDecoder(text: String) throws {
        let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try JSONValue.parse(text) == expected)
    }

    @Test(arguments: ["", "{", "[1,]", #"{"a" 1}"#, "01", "1.", "tru", #""\x""#, "\"a\u{01}\"", "[1] 2", #"{"a":1,}"#, "-", "1e"])
    func rejectsInvalidText(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(text) }
    }
}
