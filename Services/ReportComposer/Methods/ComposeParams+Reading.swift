import WireProtocol

extension ComposeParams {
    /// The params of a `report.compose` request. Read directly when they are what a client
    /// usually sends — an object of known members, each a value of the right type and in range
    /// — and otherwise by ``JSONRPCRequest/decodeParams(_:)``, which also names what is wrong.
    /// Both give the same params for the same valid input; going through `Codable` for every
    /// request cost a fifth of a request's messaging.
    static func read(from request: JSONRPCRequest) throws(JSONRPCError) -> ComposeParams {
        if case .object(let members)? = request.params, let params = ComposeParams(plainMembers: members) {
            return params
        }
        return try request.decodeParams(ComposeParams.self)
    }

    /// The params `members` give, or `nil` for anything but known members with plain valid
    /// values (a `null`, a number written with a fraction, an unknown member, a value out of
    /// range): those are left to the decoder.
    init?(plainMembers members: [String: JSONValue]) {
        self.init()
        for (key, value) in members {
            switch (key, value) {
            case ("format", .string(let name)):
                guard let format = ReportFormat(rawValue: name) else { return nil }
                self.format = format
            case ("lang", .string(let name)):
                guard let lang = ReportLanguage(rawValue: name) else { return nil }
                self.lang = lang
            case ("width", .integer(let columns)):
                guard let columns = Int(exactly: columns), Self.widths.contains(columns) else { return nil }
                width = columns
            case ("timeoutMs", .integer(let milliseconds)):
                guard let milliseconds = Int(exactly: milliseconds), Self.timeouts.contains(milliseconds) else {
                    return nil
                }
                timeoutMs = milliseconds
            default:
                return nil
            }
        }
    }
}
