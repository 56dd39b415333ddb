import ArgumentParser
import CivitasCLISupport
import CivitasClient
import CivitasProtos
import Foundation
import SwiftProtobuf

struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Create, list, suspend, resume, archive, back up and restore tenants.",
        subcommands: [
            TenantCreate.self, TenantList.self, TenantShow.self, TenantSuspend.self, TenantResume.self,
            TenantArchive.self, TenantBackup.self, TenantRestore.self,
        ]
    )
}
