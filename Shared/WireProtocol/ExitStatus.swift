/// The exit statuses of every executable, from BSD's `sysexits.h`, so that scripts and
/// supervisors can tell why a process stopped. Part of each process's interface, like its
/// messages: declared once for all of them.
public enum ExitStatus {
    /// A JSON-RPC error answered the client's request (not from sysexits: the request was heard).
    public static let requestFailed: Int32 = 1
    /// `EX_DATAERR`: the data a service was given could not be read.
    public static let dataError: Int32 = 65
    /// `EX_NOINPUT`: a file named on the command line (a key, a data file) could not be opened.
    public static let noInput: Int32 = 66
    /// `EX_UNAVAILABLE`: no peer answered, or an endpoint could not be bound.
    public static let unavailable: Int32 = 69
    /// `EX_CANTCREAT`: an output file could not be written.
    public static let cannotCreate: Int32 = 73
    /// `EX_PROTOCOL`: the peer's answer broke the protocol.
    public static let protocolError: Int32 = 76
}
