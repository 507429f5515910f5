import Logging
import Synchronization
import WireProtocol

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Data a service serves and can reload without a restart. Readers take a snapshot (cheap:
/// the value is copied, its storage shared); a reload builds the new value completely before
/// swapping it in, so requests never see a half-loaded state, and a reload that fails leaves
/// the old data in place.
///
/// The store also keeps encoded results (``cachedResult(for:compute:)``): a result depends
/// only on the method, its params and the data, so it is encoded once per data load and the
/// bytes are reused until the next successful reload.
public final class ReloadableStore<Value: Sendable>: Sendable {
    /// What a reload did.
    public struct Outcome: Sendable, Codable {
        public var reloaded: Bool
        /// When the data now served was loaded, ISO 8601.
        public var loadedAt: String
        public var milliseconds: Int
        public var summary: String
        public var error: String?
    }

    /// A method and the params it was called with: what a cached result depends on besides
    /// the data.
    public struct ResultKey: Hashable, Sendable {
        public var method: String
        public var params: JSONValue?
        /// The params as the bytes a request carried them in (``ScannedRequest``), for a result
        /// looked up without parsing them; `nil` for a key of parsed params.
        public var rawParams: Data?
        public init(method: String, params: JSONValue?) {
            self.method = method
            self.params = params
        }
        public init(method: String, rawParams: Data) {
            self.method = method
            self.rawParams = rawParams
        }
    }

    private struct State {
        var value: Value
        var loadedAt: Date
        /// Counts successful loads; a result computed from an older load is not kept.
        var generation = 0
        var results: [ResultKey: Data] = [:]
        var resultBytes = 0
    }

    private let state: Mutex<State>
    private let load: @Sendable () throws -> Value
    private let describe: @Sendable (Value) -> String
    private let logger: Logger
    /// The most bytes of encoded results kept per load; results beyond it are encoded per call.
    public let maxResultBytes: Int

    /// Loads once; throws what the loader throws, so a bad file refuses to start the service.
    public init(
        logger: Logger, maxResultBytes: Int = 32 << 20, describe: @escaping @Sendable (Value) -> String,
        load: @escaping @Sendable () throws -> Value
    ) throws {
        self.load = load
        self.describe = describe
        self.logger = logger
        self.maxResultBytes = maxResultBytes
        state = Mutex(State(value: try load(), loadedAt: Date()))
    }

    /// The data as of now.
    public var current: Value { state.withLock { $0.value } }

    /// The result kept for `key`, if any.
    public func keptResult(for key: ResultKey) -> Data? {
        state.withLock { $0.results[key] }
    }

    /// Counts the loads; a result made from the data of one is kept only while it is current.
    public var generation: Int { state.withLock { $0.generation } }

    /// Keeps `result` for `key` if the data is still that of load `generation` (and the results
    /// kept are within ``maxResultBytes``).
    public func keep(_ result: Data, for key: ResultKey, generation: Int) {
        state.withLock { state in
            guard state.generation == generation, state.resultBytes + result.count <= maxResultBytes else { return }
            if state.results.updateValue(result, forKey: key) == nil { state.resultBytes += result.count }
        }
    }

    /// The encoded result for `key` from the data as of now: kept from an earlier call, or
    /// made by `compute` (and kept, within ``maxResultBytes``). Errors are not kept.
    public func cachedResult(for key: ResultKey, compute: (Value) throws -> Data) rethrows -> Data {
        // The usual case first, and without copying the data out: a result kept for `key`.
        if let kept = state.withLock({ $0.results[key] }) { return kept }
        let (value, generation) = state.withLock { ($0.value, $0.generation) }
        let result = try compute(value)
        keep(result, for: key, generation: generation)
        return result
    }

    /// ``reload()`` on the global concurrent executor: a load can take long and must not block
    /// the socket thread that the request arrived on.
    public func reloadInBackground() async -> Outcome {
        await withTaskExecutorPreference(globalConcurrentExecutor) { self.reload() }
    }

    /// Loads again; on failure keeps serving the old data and reports why.
    @discardableResult
    public func reload() -> Outcome {
        let started = ContinuousClock.now
        do {
            let value = try load()
            let now = Date()
            state.withLock { state in
                state.value = value
                state.loadedAt = now
                state.generation += 1
                state.results = [:]
                state.resultBytes = 0
            }
            let outcome = Outcome(
                reloaded: true, loadedAt: now.formatted(.iso8601),
                milliseconds: Int((ContinuousClock.now - started).milliseconds),
                summary: describe(value), error: nil)
            logger.notice(
                "data reloaded",
                metadata: ["summary": "\(outcome.summary)", "ms": .stringConvertible(outcome.milliseconds)])
            return outcome
        } catch {
            let kept = state.withLock { ($0.value, $0.loadedAt) }
            logger.error("reload failed; still serving the data loaded before", metadata: ["error": "\(error)"])
            return Outcome(
                reloaded: false, loadedAt: kept.1.formatted(.iso8601),
                milliseconds: Int((ContinuousClock.now - started).milliseconds),
                summary: describe(kept.0), error: "\(error)")
        }
    }
}
