import Foundation
import Logging
import Synchronization

/// Data a service serves and can reload without a restart. Readers take a snapshot (cheap:
/// the value is copied, its storage shared); a reload builds the new value completely before
/// swapping it in, so requests never see a half-loaded state, and a reload that fails leaves
/// the old data in place.
public final class ReloadableStore<Value: Sendable>: Sendable {
    /// What a reload did.
    public struct Outcome: Sendable, Encodable {
        public var reloaded: Bool
        public var loadedAt: Date
        public var milliseconds: Int
        public var summary: String
        public var error: String?
    }

    private let state: Mutex<(value: Value, loadedAt: Date)>
    private let load: @Sendable () throws -> Value
    private let describe: @Sendable (Value) -> String
    private let logger: Logger

    /// Loads once; throws what the loader throws, so a bad file refuses to start the service.
    public init(
        logger: Logger, describe: @escaping @Sendable (Value) -> String,
        load: @escaping @Sendable () throws -> Value
    ) throws {
        self.load = load
        self.describe = describe
        self.logger = logger
        state = Mutex((try load(), Date()))
    }

    /// The data as of now.
    public var current: Value { state.withLock { $0.value } }

    /// Loads again; on failure keeps serving the old data and reports why.
    @discardableResult
    public func reload() -> Outcome {
        let started = ContinuousClock.now
        do {
            let value = try load()
            let now = Date()
            state.withLock { $0 = (value, now) }
            let outcome = Outcome(
                reloaded: true, loadedAt: now, milliseconds: Int((ContinuousClock.now - started).milliseconds),
                summary: describe(value), error: nil)
            logger.notice("data reloaded", metadata: ["summary": "\(outcome.summary)", "ms": "\(outcome.milliseconds)"])
            return outcome
        } catch {
            let kept = state.withLock { $0 }
            logger.error("reload failed; still serving the data loaded before", metadata: ["error": "\(error)"])
            return Outcome(
                reloaded: false, loadedAt: kept.loadedAt, milliseconds: Int((ContinuousClock.now - started).milliseconds),
                summary: describe(kept.value), error: "\(error)")
        }
    }
}
