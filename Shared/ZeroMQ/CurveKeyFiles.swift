#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// CURVE keys on disk: one Z85 key per file, `NAME.key` for the secret key (mode 0600) and
/// `NAME.pub` for the public key. Lines starting with `#` are comments.
public enum CurveKeyFiles {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Writes a new key pair to `NAME.key` and `NAME.pub`; refuses to overwrite either.
    @discardableResult
    public static func generate(base: String) throws -> (pair: CurveKeyPair, secretPath: String, publicPath: String) {
        let pair = try CurveKeyPair.generate()
        let secretPath = base + ".key"
        let publicPath = base + ".pub"
        for path in [secretPath, publicPath] where FileManager.default.fileExists(atPath: path) {
            throw Failure("\(path) exists; refusing to overwrite a key")
        }
        try write("# CURVE secret key: keep it private\n\(pair.secretKey.z85)\n", to: secretPath, mode: 0o600)
        try write("# CURVE public key\n\(pair.publicKey.z85)\n", to: publicPath, mode: 0o644)
        return (pair, secretPath, publicPath)
    }

    /// Creates `path` exclusively (O_EXCL) with `mode`, so a secret is never readable by others,
    /// not even for a moment.
    private static func write(_ text: String, to path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw Failure("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count else {
            throw Failure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The key in a file (the first line that is not a comment).
    public static func readKey(path: String) throws -> CurveKey {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure("cannot read key file \(path): \(error)")
        }
        guard let line = keyLines(text).first, let key = CurveKey(z85: line) else {
            throw Failure("\(path) holds no 40-character Z85 CURVE key")
        }
        return key
    }

    /// A secret key file's key pair (the public key is derived). Like ssh with a private key,
    /// it refuses a file that others may read or write, or its group may write. Group read is
    /// allowed: it is how Kubernetes hands a Secret to a non-root container (`fsGroup`, mode 0440).
    public static func readKeyPair(secretPath: String) throws -> CurveKeyPair {
        try checkPrivate(secretPath)
        return try CurveKeyPair(secretKey: readKey(path: secretPath))
    }

    /// Throws, naming the file and the fix, if others may read or write `path` or its group may
    /// write it.
    static func checkPrivate(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Failure("cannot read key file \(path): \(String(cString: strerror(errno)))")
        }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o027 == 0 else {
            throw Failure(
                """
                the secret key file \(path) is open to others or writable by its group \
                (mode \(String(permissions, radix: 8))): anyone who reads it can pose as this process. \
                Run: chmod 600 \(path)
                """)
        }
    }

    /// A public key given as Z85 text or as the path of a file holding it.
    public static func publicKey(_ textOrPath: String) throws -> CurveKey {
        if let key = CurveKey(z85: textOrPath) { return key }
        return try readKey(path: textOrPath)
    }

    /// Every key in a file (one per line) or in the `*.pub` files of a folder.
    public static func readKeys(path: String) throws -> Set<CurveKey> {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Failure("no such file or folder: \(path)")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".pub") }
                .sorted()
            return Set(try names.map { try readKey(path: path.hasSuffix("/") ? path + $0 : path + "/" + $0) })
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var keys = Set<CurveKey>()
        for (index, line) in keyLines(text).enumerated() {
            guard let key = CurveKey(z85: line) else {
                throw Failure("\(path): key \(index + 1) is not a 40-character Z85 key")
            }
            keys.insert(key)
        }
        return keys
    }

    private static func keyLines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
