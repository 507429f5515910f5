import Foundation
import WireProtocol

/// The initiatives service's data: loaded from its resource file and checked once at start.
struct Catalogue: Sendable {
    struct LoadError: Error, CustomStringConvertible {
        let file: String
        let problem: String
        var description: String { "\(file): \(problem)" }
    }

    let content: ZoneCatalogue

    init(contentsOf url: URL) throws {
        let name = url.lastPathComponent
        do {
            content = try JSONDecoder().decode(ZoneCatalogue.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw LoadError(file: name, problem: "not a catalogue: \(error)")
        }
        let cities = Set(content.cities.map(\.city))
        guard cities.count == content.cities.count else {
            throw LoadError(file: name, problem: "a city is listed twice")
        }
        for reason in content.zone.applicationReasons where !cities.contains(reason.city) {
            throw LoadError(file: name, problem: "applicationReasons names unknown city \"\(reason.city)\"")
        }
        for city in content.cities {
            for (index, initiative) in city.initiatives.enumerated()
            where initiative.description.isEmpty || initiative.organisations.isEmpty {
                throw LoadError(
                    file: name,
                    problem: "\(city.city).initiatives[\(index)]: description and organisations are required")
            }
        }
    }

    /// The cities matching `city` (a code or a name), or all.
    func cities(matching city: String?) throws(JSONRPCError) -> [CityInitiatives] {
        guard let city else { return content.cities }
        let found = content.cities.filter { $0.city == city || $0.name == city }
        guard !found.isEmpty else {
            throw .invalidParams(
                field: "city",
                "unknown city \"\(city)\"; known: \(content.cities.map { "\($0.city) (\($0.name))" }.joined(separator: ", "))")
        }
        return found
    }
}
