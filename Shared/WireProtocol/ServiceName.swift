/// The services a composer brokers for, by the name a worker registers under (its RFC 7
/// `READY`). Declared once here; the broker, the router, the workers, the client and the tests
/// all use these.
public enum ServiceName: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// `statistics-service`: the industry-structure table and every rate computed from it.
    case statistics
    /// `initiatives-service`: the special zone's facts and each city's initiatives.
    case initiatives

    /// The method namespaces the service answers, the part of a method name before the first
    /// `.` (`zone.describe` is the initiatives service's).
    public var namespaces: [String] {
        switch self {
        case .statistics: ["statistics"]
        case .initiatives: ["initiatives", "zone"]
        }
    }

    /// The service that answers `method`, if its namespace is one a service owns and a method
    /// name follows it (`statistics.regions` → `statistics`; `statistics.` and `report.compose`
    /// → `nil`).
    public init?(answering method: String) {
        guard let dot = method.firstIndex(of: "."), method.index(after: dot) < method.endIndex else {
            return nil
        }
        let namespace = method[..<dot]
        guard let service = Self.allCases.first(where: { $0.namespaces.contains { $0 == namespace } }) else {
            return nil
        }
        self = service
    }

    public var description: String { rawValue }
}
