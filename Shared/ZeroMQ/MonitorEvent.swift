#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A `zmq_socket_monitor` event as its PAIR socket receives it: frame 1 holds the event number
/// (16 bits, little-endian) and a 32-bit value, frame 2 the endpoint.
public enum MonitorEvent {
    /// The event number (`ZMQ_EVENT_…`) of a monitor message, or `nil` if it is not one.
    public static func number(in frames: [Data]) -> Int32? {
        guard frames.count == 2, frames[0].count >= 2 else { return nil }
        let first = frames[0]
        return Int32(UInt16(first[first.startIndex]) | UInt16(first[first.startIndex + 1]) << 8)
    }
}
