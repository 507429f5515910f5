import CZeroMQ

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The process heap (glibc's malloc): after a burst of large messages it keeps freed memory
/// mapped unless asked to give it back, so a composer that survived a flood would go on
/// holding hundreds of MiB at rest. Used by ``HeapTrimmer`` and at start-up.
public enum HeapMemory {
    /// Makes blocks of at least `bytes` (e.g. a 200 KB frame) separate mappings, returned to
    /// the system as soon as they are freed.
    public static func mapLargeBlocks(atLeast bytes: Int) {
        _ = czmq_heap_map_large_blocks(Int32(clamping: bytes))
    }

    /// Returns free heap memory to the system; `true` if any was returned.
    @discardableResult
    public static func trim() -> Bool { czmq_heap_trim() == 1 }

    /// The process's resident memory in bytes, from `/proc/self/statm` (`nil` where unreadable).
    public static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
