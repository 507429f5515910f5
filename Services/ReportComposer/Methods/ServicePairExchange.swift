/// A request waiting for both data services (a report, the API description): each outcome is
/// set as it comes (either may come first, or at once when a service has no worker), and the
/// second one completes it. Touched only on the broker's executor.
final class ServicePairExchange {
    private let complete: (_ statistics: BackendOutcome, _ initiatives: BackendOutcome) -> Void

    var statistics: BackendOutcome? { didSet { completeIfBoth() } }
    var initiatives: BackendOutcome? { didSet { completeIfBoth() } }

    init(complete: @escaping (_ statistics: BackendOutcome, _ initiatives: BackendOutcome) -> Void) {
        self.complete = complete
    }

    private func completeIfBoth() {
        guard let statistics, let initiatives else { return }
        complete(statistics, initiatives)
    }
}
