/// A data file that cannot be served: which file, where in it, and why. Printed the way
/// compilers print errors: `file:line:column: message` (line and column where known).
struct DataError: Error, CustomStringConvertible, Equatable {
    let file: String
    var line: Int?
    var column: Int?
    let message: String

    init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}
