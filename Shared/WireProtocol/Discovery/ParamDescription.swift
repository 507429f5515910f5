/// What a param means, for the API description: a summary, and the bounds its decoder checks
/// that its type cannot say (a range, examples of values that exist).
public struct ParamDescription: Sendable, ExpressibleByStringLiteral {
    public var summary: String
    /// Schema keywords added to the member's type: `minimum`, `maximum`, `examples`.
    public var keywords: [String: JSONValue]

    /// `choices` for a string checked against a set; `default` for what an absent member means
    /// when `init()` leaves it `nil` (the default is decided where the params are used).
    public init(
        _ summary: String, minimum: Int? = nil, maximum: Int? = nil, choices: [String] = [],
        default: JSONValue? = nil, examples: [JSONValue] = []
    ) {
        self.summary = summary
        keywords = [:]
        if !choices.isEmpty { keywords["enum"] = .array(choices.map(JSONValue.string)) }
        if let `default` { keywords["default"] = `default` }
        if let minimum { keywords["minimum"] = .integer(Int64(minimum)) }
        if let maximum { keywords["maximum"] = .integer(Int64(maximum)) }
        if !examples.isEmpty { keywords["examples"] = .array(examples) }
    }

    /// A number its decoder checks is in `range`.
    public init(_ summary: String, range: ClosedRange<Int>, default: JSONValue? = nil) {
        self.init(summary, minimum: range.lowerBound, maximum: range.upperBound, default: `default`)
    }

    public init(stringLiteral summary: String) { self.init(summary) }
}

extension MethodParams {
    /// How the params may be given: `either` by name or by position when the method declares
    /// an order, otherwise `by-name`.
    public static var paramStructure: String { positionalOrder.isEmpty ? "by-name" : "either" }

    /// The params as OpenRPC content descriptors — name, summary, whether required, schema
    /// with the default `init()` gives — in positional order, then any member named only.
    /// `examples` adds values that exist to a member's schema (an initiative's id).
    public static func contentDescriptors(examples: [String: [JSONValue]] = [:]) throws(SchemaError) -> [JSONValue] {
        let members: [SchemaProbe.Member]
        let defaults: JSONValue
        do {
            members = try SchemaProbe.members(of: Self.self)
            defaults = try JSONCoding.decoder.decode(JSONValue.self, from: JSONCoding.encoder.encode(Self()))
        } catch let error as SchemaError {
            throw error
        } catch {
            throw SchemaError(type: "\(Self.self)", reason: "\(error)")
        }
        let byName = Dictionary(members.map { ($0.name, $0) }) { first, _ in first }
        let order = positionalOrder.map(\.stringValue)
        let keys = order + CodingKeys.allCases.map(\.stringValue).filter { !order.contains($0) }
        return try keys.map { (name) throws(SchemaError) -> JSONValue in
            guard let member = byName[name], let key = CodingKeys(stringValue: name) else {
                throw SchemaError(type: "\(Self.self)", reason: "its decoder does not read \(name)")
            }
            let description = describe(key)
            guard case .object(var schema) = member.schema else { return member.schema }
            schema.merge(description.keywords) { _, declared in declared }
            if !member.required, let value = defaults[name] { schema["default"] = value }
            if let values = examples[name], !values.isEmpty { schema["examples"] = .array(values) }
            return .object([
                "name": .string(name), "summary": .string(description.summary), "required": .bool(member.required),
                "schema": .object(schema),
            ])
        }
    }
}
