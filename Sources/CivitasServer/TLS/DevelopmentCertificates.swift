import Crypto
import Foundation
import SwiftASN1
import X509

/// A development certificate authority and a server certificate for localhost,
/// 127.0.0.1 and ::1, made on first run so that TLS works without any setup. Clients
/// trust `ca.pem`. Real deployments pass their own `--tls-cert/--tls-key` instead.
public enum DevelopmentCertificates {
    public struct Paths: Sendable {
        public var directory: URL
        public var caCertificate: String { directory.appendingPathComponent("ca.pem").path }
        public var caKey: String { directory.appendingPathComponent("ca.key").path }
        public var serverCertificate: String { directory.appendingPathComponent("server.pem").path }
        public var serverKey: String { directory.appendingPathComponent("server.key").path }
    }

    /// Reuses the material in `directory` when it is complete; otherwise makes what is
    /// missing (a new server certificate under the existing CA when the CA is there).
    /// Returns whether anything was created.
    @discardableResult
    public static func ensure(in directory: URL, now: Date = Date()) throws -> (paths: Paths, created: Bool) {
        let paths = Paths(directory: directory)
        let files = FileManager.default
        let have = { (path: String) in files.fileExists(atPath: path) }
        if have(paths.caCertificate), have(paths.serverCertificate), have(paths.serverKey) {
            return (paths, false)
        }
        try files.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])

        let caKey: P256.Signing.PrivateKey
        let caCertificate: Certificate
        if have(paths.caCertificate), have(paths.caKey) {
            caKey = try P256.Signing.PrivateKey(pemRepresentation: String(contentsOfFile: paths.caKey, encoding: .utf8))
            caCertificate = try Certificate(pemEncoded: String(contentsOfFile: paths.caCertificate, encoding: .utf8))
        } else {
            caKey = P256.Signing.PrivateKey()
            caCertificate = try makeAuthority(key: caKey, now: now)
            try SecretFile.write(caKey.pemRepresentation, to: paths.caKey)
            try caCertificate.serializeAsPEM().pemString.write(toFile: paths.caCertificate, atomically: true, encoding: .utf8)
        }
        let serverKey = P256.Signing.PrivateKey()
        let serverCertificate = try makeServerCertificate(key: serverKey, authority: caCertificate, authorityKey: caKey, now: now)
        try SecretFile.write(serverKey.pemRepresentation, to: paths.serverKey)
        try serverCertificate.serializeAsPEM().pemString.write(toFile: paths.serverCertificate, atomically: true, encoding: .utf8)
        return (paths, true)
    }

    private static func makeAuthority(key: P256.Signing.PrivateKey, now: Date) throws -> Certificate {
        let name = try DistinguishedName {
            OrganizationName("Civitas (development)")
            CommonName("Civitas development CA")
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key)
        )
    }

    private static func makeServerCertificate(
        key: P256.Signing.PrivateKey, authority: Certificate, authorityKey: P256.Signing.PrivateKey, now: Date
    ) throws -> Certificate {
        let subject = try DistinguishedName {
            OrganizationName("Civitas (development)")
            CommonName("localhost")
        }
        let loopbackV4: [UInt8] = [127, 0, 0, 1]
        let loopbackV6: [UInt8] = Array(repeating: 0, count: 15) + [1]
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(825 * 86400),
            issuer: authority.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([
                    .dnsName("localhost"),
                    .ipAddress(ASN1OctetString(contentBytes: loopbackV4[...])),
                    .ipAddress(ASN1OctetString(contentBytes: loopbackV6[...])),
                ])
            },
            issuerPrivateKey: .init(authorityKey)
        )
    }
}

/// Writes files only their owner may read (keys, tokens): created 0600 under a
/// temporary name, then renamed into place, so no reader ever sees a partial file.
enum SecretFile {
    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
