#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The standard `process_*` metrics of Prometheus' client libraries, read from `/proc` at
/// each scrape: CPU time, resident and virtual memory, open and allowed file descriptors,
/// and when the process started.
enum ProcessMetrics {
    /// The metrics in the text exposition format, or nothing where `/proc` cannot be read.
    static func exposition() -> [UInt8] {
        var text = ""
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        if let stat = read("/proc/self/stat"), let close = stat.lastIndex(of: ")") {
            // The fields after the command name, from field 3 (state) on.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 21, let user = Double(fields[11]), let system = Double(fields[12]),
                let started = Double(fields[19]), let virtual = Double(fields[20])
            {
                append(
                    &text, "process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.",
                    (user + system) / ticks)
                append(&text, "process_virtual_memory_bytes", "gauge", "Virtual memory size, in bytes.", virtual)
                if let boot = bootTime() {
                    append(
                        &text, "process_start_time_seconds", "gauge",
                        "Start time of the process since the Unix epoch, in seconds.", boot + started / ticks)
                }
            }
        }
        if let statm = read("/proc/self/statm")?.split(separator: " "), statm.count > 1, let pages = Double(statm[1]) {
            append(
                &text, "process_resident_memory_bytes", "gauge", "Resident memory size, in bytes.",
                pages * Double(sysconf(Int32(_SC_PAGESIZE))))
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            append(&text, "process_open_fds", "gauge", "Open file descriptors.", Double(descriptors.count))
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 {
            append(
                &text, "process_max_fds", "gauge", "Most file descriptors the process may open.",
                Double(limit.rlim_cur))
        }
        return Array(text.utf8)
    }

    private static func append(_ text: inout String, _ name: String, _ type: String, _ help: String, _ value: Double) {
        let number = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(number)\n"
    }

    /// When the machine booted (`btime` of `/proc/stat`), in seconds since the epoch.
    private static func bootTime() -> Double? {
        guard let stat = read("/proc/stat") else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count))
        }
        return nil
    }

    private static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
