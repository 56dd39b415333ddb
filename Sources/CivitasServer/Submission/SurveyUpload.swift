import CivitasCore
import CivitasProtos
import Foundation

/// One message of a survey upload stream, already in the domain's terms.
struct SurveyUpload: Sendable {
    var tenant = ""
    var dryRun = false
    var responses: [SurveyResponse] = []
}

extension SurveyUpload {
    /// From a message SwiftProtobuf decoded (the generated service method's path).
    init(_ message: Civitas_V1_SubmitSurveyResponsesRequest) {
        tenant = message.tenant
        dryRun = message.dryRun
        responses = message.responses.map(SurveyResponse.init)
    }
}
