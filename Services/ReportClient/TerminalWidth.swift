#if canImport(Glibc)
import Glibc
#endif

/// The width the `text` format is laid out for when `--width` is not given: the terminal's, if
/// standard output is one (`$COLUMNS`, else the `TIOCGWINSZ` ioctl), else 80 — a file or a pipe
/// gets the classic width, whatever terminal started the command.
enum TerminalWidth {
    /// The widths the composer accepts.
    static let accepted = 20...1000

    static func forStandardOutput(environment: [String: String]) -> Int {
        guard isatty(STDOUT_FILENO) == 1 else { return 80 }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return clamped(columns)
        }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return clamped(Int(size.ws_col))
        }
        return 80
    }

    private static func clamped(_ width: Int) -> Int {
        min(max(width, accepted.lowerBound), accepted.upperBound)
    }
}
