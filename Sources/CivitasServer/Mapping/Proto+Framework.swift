import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import SwiftProtobuf

extension Civitas_V1_FrameworkVersion {
    /// A published version; the canonical document only when `withDocument` (GetFramework).
    init(_ stored: StoredFramework, tenant: TenantID, withDocument: Bool) {
        self.init()
        self.tenant = tenant.rawValue
        code = stored.code
        version = UInt32(clamping: stored.version)
        title = stored.title
        total = stored.total
        passScore = stored.passScore
        spiritualShare = stored.spiritualShare
        documentSha256 = stored.documentSHA256
        publishedAt = Google_Protobuf_Timestamp(date: stored.publishedAt)
        if withDocument, let document = stored.document { self.document = document }
    }
}

extension Civitas_V1_FrameworkProblem {
    init(_ problem: FrameworkProblem) {
        self.init()
        path = problem.path
        reason = problem.reason
    }
}
