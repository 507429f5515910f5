/// Every JSON-RPC method name of the system, declared once: the composer's own (`report.*`,
/// `system.*`) and those the data services answer through it. A method's namespace (before the
/// `.`) says who answers it; see ``ServiceName/init(answering:)``.
public enum MethodName {
    /// The composer's own methods.
    public enum Report {
        /// The whole report in a format and language.
        public static let compose = "report.compose"
        /// The report's section headings, in order.
        public static let sections = "report.sections"
    }

    /// The composer's operational methods.
    public enum System {
        public static let ping = "system.ping"
        public static let info = "system.info"
        public static let stats = "system.stats"
    }

    /// The API description: an OpenRPC document of every method above.
    public enum RPC {
        public static let discover = "rpc.discover"
    }

    /// The statistics service's methods.
    public enum Statistics {
        public static let industryStructure = "statistics.industryStructure"
        public static let compare = "statistics.compare"
        public static let facts = "statistics.facts"
        public static let regions = "statistics.regions"
        public static let datasets = "statistics.datasets"
        public static let reload = "statistics.reload"
        public static let ping = "statistics.ping"
        /// The service's own methods, described (what `rpc.discover` gathers).
        public static let discover = "statistics.discover"
    }

    /// The initiatives service's methods.
    public enum Initiatives {
        public static let list = "initiatives.list"
        public static let get = "initiatives.get"
        public static let catalogue = "initiatives.catalogue"
        public static let zoneDescribe = "zone.describe"
        public static let reload = "initiatives.reload"
        public static let ping = "initiatives.ping"
        /// The service's own methods, described (what `rpc.discover` gathers).
        public static let discover = "initiatives.discover"
    }

    /// Every method above.
    public static let all: Set<String> = [
        Report.compose, Report.sections, System.ping, System.info, System.stats, RPC.discover,
        Statistics.industryStructure, Statistics.compare, Statistics.facts, Statistics.regions, Statistics.datasets,
        Statistics.reload, Statistics.ping, Statistics.discover,
        Initiatives.list, Initiatives.get, Initiatives.catalogue, Initiatives.zoneDescribe, Initiatives.reload,
        Initiatives.ping, Initiatives.discover,
    ]

    /// What statistics and metrics count a request under: its method if the system declares
    /// it, otherwise ``unknown``.
    public static func counted(_ method: String) -> String { all.contains(method) ? method : unknown }

    /// The one entry every undeclared method name is counted under.
    public static let unknown = "unknown"
}
