import Logging

/// Logs on behalf of one request, adding its `requestId` and `method` to each entry. The
/// metadata is made only when an entry is written: setting it on a `Logger` copy per request
/// made `StreamLogHandler` re-render its metadata text twice a request, logged or not.
struct RequestLog {
    let logger: Logger
    let requestId: String?
    let method: String

    private func context(_ extra: Logger.Metadata) -> Logger.Metadata {
        var metadata = extra
        metadata["requestId"] = requestId.map { "\($0)" }
        metadata["method"] = "\(method.prefix(64))"
        return metadata
    }

    func error(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> Logger.Metadata = [:]) {
        logger.error(message(), metadata: context(metadata()))
    }

    func notice(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> Logger.Metadata = [:]) {
        logger.notice(message(), metadata: context(metadata()))
    }

    func debug(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> Logger.Metadata = [:]) {
        logger.debug(message(), metadata: context(metadata()))
    }

    func log(
        level: Logger.Level, _ message: @autoclosure () -> Logger.Message,
        metadata: @autoclosure () -> Logger.Metadata = [:]
    ) {
        logger.log(level: level, message(), metadata: context(metadata()))
    }
}
