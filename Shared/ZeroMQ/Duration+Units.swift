/// A `Duration` in the units the system's flags, logs, metrics and `zmq_poll` use. The one place
/// that converts from a duration's seconds and attoseconds.
extension Duration {
    private static let attosecondsPerNanosecond: Int64 = 1_000_000_000

    /// Whole nanoseconds (truncated).
    public var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / Self.attosecondsPerNanosecond
    }

    /// Whole microseconds (truncated).
    public var microseconds: Int64 { nanoseconds / 1000 }

    /// Whole milliseconds (truncated).
    public var milliseconds: Int64 { nanoseconds / 1_000_000 }

    /// Milliseconds rounded up: a wait of this many milliseconds is never shorter than the
    /// duration (what a `zmq_poll` timeout needs so that it does not wake up early).
    public var millisecondsRoundedUp: Int64 { (nanoseconds + 999_999) / 1_000_000 }

    /// Seconds, with the fraction.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// Microseconds, with the fraction (for benchmark figures).
    public var fractionalMicroseconds: Double { Double(nanoseconds) / 1000 }
}
