/// What the ``SocketThread`` should open: a socket type, where it binds and connects, and the
/// options to set first.
public struct SocketSpec: Sendable {
    public var type: SocketType
    public var bind: [String]
    public var connect: [String]
    public var options: [SocketOption]
    /// Report each peer connection that closes on ``SocketHandle/peerDisconnects``
    /// (through `zmq_socket_monitor`).
    public var monitorDisconnects: Bool
    /// How much may be received and not yet finished with before the thread stops reading the
    /// socket (see ``ReceiveLimit``).
    public var receiveLimit: ReceiveLimit
    /// The socket's messages go to a ``SocketReader`` on the thread
    /// (``SocketHandle/startReading(with:)``), not to ``SocketHandle/messages``; it is not read
    /// until the reader is installed.
    public var reader: Bool
    /// A message the socket cannot take now (its high-water mark is reached) is kept, in
    /// order, rather than failed, and the socket is not read until all it kept has gone: for a
    /// socket that answers each message it reads (a worker's replies), so that a peer sending
    /// faster than it reads is pushed back on instead of losing answers.
    public var keepsUnsent: Bool

    public init(
        type: SocketType, bind: [String] = [], connect: [String] = [], options: [SocketOption] = [],
        monitorDisconnects: Bool = false, receiveLimit: ReceiveLimit = ReceiveLimit(), reader: Bool = false,
        keepsUnsent: Bool = false
    ) {
        self.receiveLimit = receiveLimit
        self.reader = reader
        self.keepsUnsent = keepsUnsent
        self.type = type
        self.bind = bind
        self.connect = connect
        self.options = options
        self.monitorDisconnects = monitorDisconnects
    }
}
