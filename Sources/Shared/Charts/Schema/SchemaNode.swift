import KFTemplate

/// One parsed (sub)schema of the draft-07 subset ``ValuesSchema`` supports.
final class SchemaNode: Sendable {
    /// `true` / `false` schemas.
    let always: Bool?
    let types: [SchemaType]
    let properties: [String: SchemaNode]
    /// `additionalProperties`: nil allows anything, a `false` node rejects unknown keys.
    let additionalProperties: SchemaNode?
    let propertyNames: SchemaNode?
    let required: [String]
    let enumValues: [Value]?
    let constValue: Value?
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Double?
    let exclusiveMaximum: Double?
    let minLength: Int?
    let maxLength: Int?
    let pattern: String?
    let items: SchemaNode?
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool
    let minProperties: Int?
    let oneOf: [SchemaNode]
    let anyOf: [SchemaNode]
    let allOf: [SchemaNode]
    let not: SchemaNode?
    /// `$ref` (`#/definitions/<name>` or `#/$defs/<name>`), resolved against the root at validation.
    let ref: String?

    init(always: Bool? = nil, types: [SchemaType] = [], properties: [String: SchemaNode] = [:],
         additionalProperties: SchemaNode? = nil, propertyNames: SchemaNode? = nil, required: [String] = [],
         enumValues: [Value]? = nil, constValue: Value? = nil,
         minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Double? = nil, exclusiveMaximum: Double? = nil,
         minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil,
         items: SchemaNode? = nil, minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool = false,
         minProperties: Int? = nil,
         oneOf: [SchemaNode] = [], anyOf: [SchemaNode] = [], allOf: [SchemaNode] = [], not: SchemaNode? = nil,
         ref: String? = nil) {
        self.always = always
        self.types = types
        self.properties = properties
        self.additionalProperties = additionalProperties
        self.propertyNames = propertyNames
        self.required = required
        self.enumValues = enumValues
        self.constValue = constValue
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.items = items
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.minProperties = minProperties
        self.oneOf = oneOf
        self.anyOf = anyOf
        self.allOf = allOf
        self.not = not
        self.ref = ref
    }
}
