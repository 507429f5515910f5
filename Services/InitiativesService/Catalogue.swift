import Foundation
import WireProtocol

/// The initiatives service's data, loaded from its file and checked as a whole.
struct Catalogue: Sendable {
    /// A catalogue file that cannot be served: the file, where in it, and why.
    struct LoadError: Error, CustomStringConvertible {
        let file: String
        let problem: String
        var description: String { "\(file): \(problem)" }
    }

    let content: ZoneCatalogue

    init(contentsOf url: URL) throws {
        let name = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LoadError(file: url.path, problem: "cannot read: \(error.localizedDescription)")
        }
        do {
            content = try JSONDecoder().decode(ZoneCatalogue.self, from: data)
        } catch let error as DecodingError {
            throw LoadError(file: name, problem: error.placeDescription)
        }
        try Self.validate(content, file: name)
    }

    private static func validate(_ content: ZoneCatalogue, file: String) throws {
        func fail(_ problem: String) -> LoadError { LoadError(file: file, problem: problem) }
        let cities = Set(content.cities.map(\.code))
        guard cities.count == content.cities.count else { throw fail("cities: a city code is listed twice") }
        for (index, reason) in content.zone.applicationReasons.enumerated() where !cities.contains(reason.city) {
            throw fail("zone.applicationReasons[\(index)].city: unknown city \"\(reason.city)\"")
        }
        var ids = Set<String>()
        for (index, initiative) in content.initiatives.enumerated() {
            let place = "initiatives[\(index)]"
            guard !initiative.id.isEmpty else { throw fail("\(place).id: must not be empty") }
            guard ids.insert(initiative.id).inserted else {
                throw fail("\(place).id: \"\(initiative.id)\" is used twice")
            }
            guard cities.contains(initiative.city) else {
                throw fail("\(place).city: unknown city \"\(initiative.city)\"")
            }
            guard !initiative.section.isEmpty else { throw fail("\(place).section: must not be empty") }
            guard !initiative.summary.isEmpty else { throw fail("\(place).summary: must not be empty") }
            for (role, organisation) in [("organisation", initiative.organisation)]
                + initiative.partners.enumerated().map({ ("partners[\($0)]", $1) })
            {
                guard Organisation.kinds.contains(organisation.kind) else {
                    throw fail(
                        """
                        \(place).\(role).kind: \"\(organisation.kind)\" is not one of \
                        \(Organisation.kinds.sorted().joined(separator: ", "))
                        """
                    )
                }
                guard !organisation.name.isEmpty else { throw fail("\(place).\(role).name: must not be empty") }
            }
        }
    }

    // MARK: queries

    /// Initiatives matching every filter given, a page at a time.
    func list(_ params: InitiativesListParams) throws(JSONRPCError) -> InitiativesPage {
        var items = content.initiatives
        if let city = params.city {
            guard let found = content.cities.first(where: { $0.code == city || $0.name == city }) else {
                throw .invalidParams(
                    field: "city",
                    """
                    unknown city \"\(city)\"; known: \
                    \(content.cities.map { "\($0.code) (\($0.name))" }.joined(separator: ", "))
                    """
                )
            }
            items = items.filter { $0.city == found.code }
        }
        if let field = params.field {
            let known = Set(content.initiatives.flatMap(\.fields))
            guard known.contains(field) else {
                throw .invalidParams(
                    field: "field", "unknown field \"\(field)\"; known: \(known.sorted().joined(separator: ", "))")
            }
            items = items.filter { $0.fields.contains(field) }
        }
        if let kind = params.organisationKind {
            guard Organisation.kinds.contains(kind) else {
                throw .invalidParams(
                    field: "organisationKind",
                    "unknown kind \"\(kind)\"; known: \(Organisation.kinds.sorted().joined(separator: ", "))")
            }
            items = items.filter { $0.organisation.kind == kind }
        }
        if let section = params.section { items = items.filter { $0.section == section } }
        let offset = params.offset ?? 0
        let limit = params.limit ?? InitiativesListParams.defaultLimit
        let limits = InitiativesListParams.limits
        guard offset >= 0 else { throw .invalidParams(field: "offset", "must not be negative") }
        guard limits.contains(limit) else {
            throw .invalidParams(field: "limit", "must be \(limits.lowerBound) to \(limits.upperBound)")
        }
        let page = Array(items.dropFirst(offset).prefix(limit))
        return InitiativesPage(total: items.count, offset: offset, limit: limit, items: page)
    }

    func initiative(_ id: String) throws(JSONRPCError) -> Initiative {
        guard let found = content.initiatives.first(where: { $0.id == id }) else {
            throw .invalidParams(
                field: "id", "no initiative \"\(id)\"; ids: \(content.initiatives.map(\.id).joined(separator: ", "))")
        }
        return found
    }
}
