/// How a connecting process (a service, the client command) sets up CURVE: the server's
/// public key turns it on; the process's own secret key file is optional (without one, a
/// fresh key pair is made for the connection, which only an allow-list-free server accepts).
public struct CurveClientSettings: Sendable {
    public var serverKey: String?
    public var secretKey: String?

    public init(serverKey: String?, secretKey: String?) {
        self.serverKey = serverKey
        self.secretKey = secretKey
    }

    /// The socket options, or none when CURVE is off.
    public func options() throws -> [SocketOption] {
        guard let serverKey else {
            if secretKey != nil {
                throw CurveKeyFiles.Failure("a CURVE secret key needs the composer's public key too")
            }
            return []
        }
        let server = try CurveKeyFiles.publicKey(serverKey)
        let pair = try secretKey.map(CurveKeyFiles.readKeyPair) ?? CurveKeyPair.generate()
        return [.curveClient(serverKey: server, keyPair: pair)]
    }
}
