/// How often peers heartbeat and how many beats may be missed.
public struct HeartbeatSettings: Sendable {
    public var interval: Duration
    public var liveness: Int
    public var reconnectMax: Duration

    public init(interval: Duration = .seconds(1), liveness: Int = 3, reconnectMax: Duration = .seconds(32)) {
        self.interval = interval
        self.liveness = liveness
        self.reconnectMax = reconnectMax
    }

    /// How long a peer may stay silent before it counts as gone.
    public var expiry: Duration { interval * liveness }
}
