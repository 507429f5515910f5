import ServiceLifecycle
import UnixSignals

/// Reloads a store each time the process gets SIGHUP, until graceful shutdown.
public struct ReloadOnHangup<Value: Sendable>: Service {
    let store: ReloadableStore<Value>

    public init(store: ReloadableStore<Value>) { self.store = store }

    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            store.reload()
        }
    }
}

extension ReloadOnHangup: CustomStringConvertible {
    public var description: String { "ReloadOnHangup" }
}
