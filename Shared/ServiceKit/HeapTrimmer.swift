import Logging
import ServiceLifecycle
import ZeroMQ

/// Gives memory back after a burst: once a second it looks at the process's resident memory
/// and, while that is more than `slack` above the least it has been since start, asks the heap
/// to return what is free. A composer that was flooded is back near its resting size within
/// seconds of the flood's end, instead of holding what the burst took until it exits. At rest
/// it costs one read of `/proc/self/statm` a second.
public struct HeapTrimmer: Service {
    let interval: Duration
    let slack: Int
    let logger: Logger

    public init(interval: Duration = .seconds(1), slack: Int = 8 << 20, logger: Logger) {
        self.interval = interval
        self.slack = slack
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await watch() }
    }

    private func watch() async {
        var resting = HeapMemory.residentBytes() ?? 0
        while (try? await Task.sleep(for: interval)) != nil {
            guard let resident = HeapMemory.residentBytes() else { return }
            resting = min(resting, resident)
            guard resident > resting + slack else { continue }
            HeapMemory.trim()
            let after = HeapMemory.residentBytes() ?? resident
            if after < resident - slack {
                logger.debug(
                    "heap trimmed",
                    metadata: [
                        "beforeMiB": .stringConvertible(resident >> 20), "afterMiB": .stringConvertible(after >> 20),
                    ])
            }
        }
    }
}

extension HeapTrimmer: CustomStringConvertible {
    public var description: String { "HeapTrimmer" }
}
