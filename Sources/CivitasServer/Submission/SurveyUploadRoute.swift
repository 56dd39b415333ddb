import CivitasProtos
import GRPCCore
import GRPCProtobuf

/// Re-registers `SubmitSurveyResponses` with ``SurveyUploadDecoder`` instead of the
/// generated SwiftProtobuf deserializer. Listed after ``SubmissionService`` among the
/// server's services: the router keeps the last handler registered for a method, and
/// interceptors (authentication) are applied to every handler after all are registered.
struct SurveyUploadRoute: RegistrableRPCService {
    let service: SubmissionService

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let service = self.service
        router.registerHandler(
            forMethod: Civitas_V1_SubmissionService.Method.SubmitSurveyResponses.descriptor,
            deserializer: SurveyUploadDecoder(),
            serializer: ProtobufSerializer<Civitas_V1_SubmitResponse>()
        ) { request, context in
            let response = try await service.submitSurveys(metadata: request.metadata, messages: request.messages, context: context)
            return StreamingServerResponse(single: response)
        }
    }
}
