/// A metric a process declares before it starts: its name, kind, HELP text and the label sets
/// it is known to have. Each known series is made at zero when metrics are bootstrapped, so a
/// dashboard or an alert on `rate()` has a series from the start, not from the first event.
public struct MetricDeclaration: Sendable {
    public enum Kind: Sendable {
        case counter, gauge, durationHistogram
    }

    public var name: String
    public var kind: Kind
    public var help: String
    /// The series made at start: `[[]]` for an unlabeled metric; `[]` for a labeled one whose
    /// label values are only known as they occur.
    public var labelSets: [[(String, String)]]

    public init(_ name: String, _ kind: Kind, help: String, labelSets: [[(String, String)]] = [[]]) {
        self.name = name
        self.kind = kind
        self.help = help
        self.labelSets = labelSets
    }

    /// One series per value of `label`.
    public init(_ name: String, _ kind: Kind, help: String, label: String, values: [String]) {
        self.init(name, kind, help: help, labelSets: values.map { [(label, $0)] })
    }
}
