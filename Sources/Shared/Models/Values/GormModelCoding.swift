/// Coding keys of a value that carries Go's `gorm.Model` fields: `ID`, `CreatedAt`, `UpdatedAt`,
/// `DeletedAt`. An enum `CodingKeys` conforms by having the four cases.
protocol GormModelCodingKey: CodingKey {
    static var id: Self { get }
    static var createdAt: Self { get }
    static var updatedAt: Self { get }
    static var deletedAt: Self { get }
}

/// The `gorm.Model` fields of a cluster, job or user, as their stored properties hold them.
typealias GormModelFields = (id: Int64, createdAt: Timestamp, updatedAt: Timestamp, deletedAt: Timestamp?)

extension KeyedDecodingContainer where Key: GormModelCodingKey {
    /// Decodes the `gorm.Model` fields; a missing id is 0, missing times are the zero time,
    /// a missing `DeletedAt` is nil.
    func decodeGormModel() throws -> GormModelFields {
        (id: try decodeIfPresent(Int64.self, forKey: .id) ?? 0,
         createdAt: try decodeIfPresent(Timestamp.self, forKey: .createdAt) ?? .zero,
         updatedAt: try decodeIfPresent(Timestamp.self, forKey: .updatedAt) ?? .zero,
         deletedAt: try decodeIfPresent(Timestamp.self, forKey: .deletedAt))
    }
}

extension KeyedEncodingContainer where Key: GormModelCodingKey {
    /// Encodes the `gorm.Model` fields in gorm's order, `DeletedAt` as `null` while nil.
    mutating func encodeGormModel(_ fields: GormModelFields) throws {
        try encode(fields.id, forKey: .id)
        try encode(fields.createdAt, forKey: .createdAt)
        try encode(fields.updatedAt, forKey: .updatedAt)
        try encode(fields.deletedAt, forKey: .deletedAt)
    }
}
