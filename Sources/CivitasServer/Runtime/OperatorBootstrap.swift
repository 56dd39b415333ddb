import CivitasCore
import CivitasStorage
import Foundation
import Logging

/// On first run, when no operator credential exists, issues one and writes its token to
/// `<data>/operator.token` (mode 0600): the only way in to a fresh server.
enum OperatorBootstrap {
    static func run(catalog: Catalog, tokenPath: String, now: Date, logger: Logger) async throws {
        guard try await !catalog.hasOperatorCredential() else { return }
        let (record, token) = CredentialIssuer.make(
            role: .operator, tenant: nil, scope: nil, label: "bootstrap operator", expiresAt: nil, now: now
        )
        // The file is written before the credential exists, so a crash in between leaves
        // at worst a token that does not work yet and is replaced on the next start.
        try SecretFile.write(token.text + "\n", to: tokenPath)
        try await catalog.insertCredential(record)
        logger.notice("First run: bootstrap operator token written", metadata: ["path": "\(tokenPath)", "credential": "\(record.id)"])
    }
}
