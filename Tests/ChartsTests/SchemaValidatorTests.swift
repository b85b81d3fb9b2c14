import KFTemplate
import Testing
@testable import KFCharts

@Suite struct SchemaValidatorTests {
    private let schemaText = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "additionalProperties": false,
          "required": ["partyId"],
          "definitions": {
            "port": {"type": "integer", "minimum": 1, "maximum": 65535}
          },
          "properties": {
            "partyId": {"type": "integer", "minimum": 1},
            "name": {"type": "string", "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
            "computing": {"enum": ["Eggroll", "Spark"]},
            "modules": {"type": "array", "items": {"enum": ["rollsite", "python"]}, "uniqueItems": true},
            "rollsite": {
              "type": ["object", "null"],
              "additionalProperties": false,
              "properties": {
                "nodePort": {"$ref": "#/definitions/port"},
                "partyList": {"type": "array", "items": {
                  "type": "object", "additionalProperties": false, "required": ["partyId"],
                  "properties": {"partyId": {"type": "integer"}, "partyPort": {"$ref": "#/definitions/port"}}
                }}
              }
            },
            "size": {"oneOf": [{"type": "string", "pattern": "^[0-9]+[KMGT]i$"}, {"type": "integer"}]}
          }
        }
        """

    private func violations(_ yaml: String) throws -> [String] {
        let schema = try ValuesSchema(json: schemaText)
        return schema.validate(try YAML.decodeHelm(yaml)).map(\.description)
    }

    @Test func conformingValuesHaveNoViolations() throws {
        #expect(try violations("partyId: 9999\nname: fate-9999\ncomputing: Eggroll\nmodules: [rollsite]\nrollsite:\n  nodePort: 30091\nsize: 1Gi\n") == [])
    }

    @Test func wrongTypeNamesTheKeyPath() throws {
        #expect(try violations("partyId: 1\nrollsite:\n  nodePort: \"30091\"\n") == ["rollsite.nodePort: expected integer, got string"])
    }

    @Test func unknownKeyIsRejectedWithItsPath() throws {
        let found = try violations("partyId: 1\nrollsite:\n  nodeport: 30091\n")
        #expect(found == ["rollsite.nodeport: unknown key (allowed: nodePort, partyList)"])
    }

    @Test func missingRequiredKeyNamesTheKey() throws {
        #expect(try violations("name: x\n") == ["partyId: required key missing"])
    }

    @Test func referencedRangeAppliesInsideListItems() throws {
        #expect(try violations("partyId: 1\nrollsite:\n  partyList:\n  - partyId: 2\n    partyPort: 70000\n")
            == ["rollsite.partyList[0].partyPort: must be <= 65535, got 70000"])
    }

    @Test func enumPatternAndUniqueItemsAreChecked() throws {
        let found = try violations("partyId: 1\nname: Fate_1\ncomputing: Spark_local\nmodules: [rollsite, rollsite, mysql]\n")
        #expect(found == [
            "computing: must be one of \"Eggroll\", \"Spark\", got \"Spark_local\"",
            "modules[1]: duplicates an earlier item",
            "modules[2]: must be one of \"rollsite\", \"python\", got \"mysql\"",
            "name: must match the pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$, got \"Fate_1\"",
        ])
    }

    @Test func oneOfReportsTheClosestAlternative() throws {
        #expect(try violations("partyId: 1\nsize: 1GB\n") == ["size: must match the pattern ^[0-9]+[KMGT]i$, got \"1GB\""])
        #expect(try violations("partyId: 1\nsize: true\n") == ["size: matches none of the allowed forms: expected string, got boolean; or expected integer, got boolean"])
    }

    @Test func nullIsAcceptedWhereTheTypeListAllowsIt() throws {
        #expect(try violations("partyId: 1\nrollsite:\n") == [])
    }

    @Test func integralFloatsAreIntegersButFractionsAreNot() throws {
        #expect(try violations("partyId: 1.5\n") == ["partyId: expected integer, got number"])
    }

    @Test func malformedSchemasAreRejectedWithTheirLocation() {
        #expect(throws: ChartError.self) { try ValuesSchema(json: #"{"type": "object", "propertys": {}}"#) }
        #expect(throws: ChartError.self) { try ValuesSchema(json: #"{"maxLength": 1e300}"#) }
        #expect(throws: ChartError.self) { try ValuesSchema(json: #"{"type": "object""#) }
        #expect(throws: ChartError.self) { try ValuesSchema(json: ##"{"properties": {"a": {"$ref": "#/definitions/missing"}}}"##) }
        do {
            _ = try ValuesSchema(json: #"{"properties": {"a": {"type": "int"}}}"#)
        } catch {
            #expect(error.message == "values.schema.json: invalid schema at #/properties/a/type: unknown type \"int\"")
        }
    }

    @Test func enforceListsEveryViolationPrefixedWithTheFile() throws {
        let schema = try ValuesSchema(json: schemaText)
        #expect(throws: ChartError(.values, "values.schema.json: partyId: required key missing\nvalues.schema.json: rollsite.nodePort: expected integer, got string")) {
            try schema.enforce(try YAML.decodeHelm("rollsite:\n  nodePort: x\n"))
        }
    }
}
