import ArgumentParser
import Foundation
import WireProtocol
import ZeroMQ

/// `report-client keys`: CURVE key pairs for the composer, the services and clients.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Creates CURVE key pairs and shows public keys.",
        subcommands: [Generate.self, Public.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Writes a new key pair: NAME.key (secret, mode 0600) and NAME.pub; never overwrites.",
            discussion: "Example: report-client keys generate keys/composer-clients")

        @Argument(help: "Path and base name of the two files.")
        var name: String

        func run() throws {
            guard CurveKeyPair.isSupported else {
                throw ValidationError("this libzmq was built without CURVE support")
            }
            do {
                let written = try CurveKeyFiles.generate(base: name)
                print(written.pair.publicKey.z85)
                FileHandle.standardError.write(
                    Data("wrote \(written.secretPath) (secret, 0600) and \(written.publicPath)\n".utf8))
            } catch let error as CurveKeyFiles.Failure {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(ExitStatus.cannotCreate)
            }
        }
    }

    struct Public: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prints the public key of a secret key file.")

        @Argument(help: "A secret key file (NAME.key).")
        var secretKeyFile: String

        func run() throws {
            do {
                print(try CurveKeyFiles.readKeyPair(secretPath: secretKeyFile).publicKey.z85)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(ExitStatus.noInput)
            }
        }
    }
}
