import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf
import Workers

extension Civitas_V1_Job {
    init(_ job: Job) {
        self.init()
        id = job.id
        tenant = job.tenant.rawValue
        kind = job.kind
        state = job.state.rawValue
        argumentsJson = job.argumentsJSON
        priority = Int32(clamping: job.priority)
        attempt = UInt32(clamping: job.attempt)
        maxAttempts = UInt32(clamping: job.maxAttempts)
        progress = job.progress
        progressMessage = job.progressMessage
        resultRef = job.resultReference
        errors = job.errors.map { error in
            .with {
                $0.attempt = UInt32(clamping: error.attempt)
                $0.at = Google_Protobuf_Timestamp(date: error.at)
                $0.message = error.message
            }
        }
        runAt = Google_Protobuf_Timestamp(date: job.runAt)
        createdAt = Google_Protobuf_Timestamp(date: job.createdAt)
        if let finished = job.finishedAt { finishedAt = Google_Protobuf_Timestamp(date: finished) }
    }
}

extension Civitas_V1_Schedule {
    init(_ schedule: Schedule) {
        self.init()
        id = schedule.id
        tenant = schedule.tenant.rawValue
        cron = schedule.cron
        jobKind = schedule.jobKind
        argumentsJson = schedule.argumentsJSON
        paused = schedule.paused
        if let next = schedule.nextRunAt { nextRunAt = Google_Protobuf_Timestamp(date: next) }
        if let last = schedule.lastRunAt { lastRunAt = Google_Protobuf_Timestamp(date: last) }
    }
}
