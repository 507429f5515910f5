/// A request waiting for both data services (a report, the API description): each service's
/// part is set as it comes (either may come first, or at once when a service has no worker),
/// and the second one completes it. Touched only on the broker's executor.
final class ServicePairExchange<Statistics, Initiatives> {
    private let complete: (_ statistics: Statistics, _ initiatives: Initiatives) -> Void

    var statistics: Statistics? { didSet { completeIfBoth() } }
    var initiatives: Initiatives? { didSet { completeIfBoth() } }

    init(complete: @escaping (_ statistics: Statistics, _ initiatives: Initiatives) -> Void) {
        self.complete = complete
    }

    private func completeIfBoth() {
        guard let statistics, let initiatives else { return }
        complete(statistics, initiatives)
    }
}
