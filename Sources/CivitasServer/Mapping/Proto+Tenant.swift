import CivitasCore
import CivitasProtos
import CivitasStorage
import SwiftProtobuf

extension Civitas_V1_Tenant {
    init(_ record: TenantRecord) {
        self.init()
        id = record.id
        name = record.name
        state = record.state
        timeZone = record.timeZone
        createdAt = Google_Protobuf_Timestamp(date: record.createdAt)
        updatedAt = Google_Protobuf_Timestamp(date: record.updatedAt)
    }
}

extension Civitas_V1_Credential {
    init(_ record: CredentialRecord) {
        self.init()
        id = record.id
        tenant = record.tenantId ?? ""
        role = record.role
        scope = record.scope ?? ""
        label = record.label
        createdAt = Google_Protobuf_Timestamp(date: record.createdAt)
        if let date = record.expiresAt { expiresAt = Google_Protobuf_Timestamp(date: date) }
        if let date = record.revokedAt { revokedAt = Google_Protobuf_Timestamp(date: date) }
    }
}
