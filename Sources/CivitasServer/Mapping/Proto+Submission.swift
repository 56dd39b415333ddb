import CivitasCore
import CivitasProtos
import CivitasStorage
import Foundation
import SwiftProtobuf

// Wire messages ↔ the domain's records. Times keep whole milliseconds: the precision
// records are stored and hashed with, so a record reads back exactly as it was hashed.

extension Google_Protobuf_Timestamp {
    var milliseconds: Date { Date(wireSeconds: seconds, nanos: nanos) }

    init(milliseconds date: Date) {
        let ms = date.unixMilliseconds
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        self.init(seconds: seconds, nanos: Int32((ms - seconds * 1000) * 1_000_000))
    }
}

extension Date {
    /// A wire timestamp at whole milliseconds. Seconds beyond ±10¹² (over 30,000 years)
    /// are clamped there rather than overflowing: such a time is refused by the validator
    /// as in the future or far past, never a crash.
    init(wireSeconds seconds: Int64, nanos: Int32) {
        let limit: Int64 = 1_000_000_000_000
        self.init(unixMilliseconds: min(max(seconds, -limit), limit) * 1000 + Int64(nanos / 1_000_000))
    }
}

extension MaterialReport {
    init(_ message: Civitas_V1_MaterialReport) {
        let value: MaterialValue? = switch message.value {
        case .number(let number)?: .number(number)
        case .provided(let flag)?: .provided(flag)
        case nil: nil
        }
        self.init(
            key: message.key, unit: message.unit, indicator: message.indicator, period: message.period.name, value: value,
            evidence: message.evidence.map {
                Evidence(fileName: $0.fileName, sha256: $0.sha256, size: $0.size, mediaType: $0.mediaType, content: $0.content.isEmpty ? nil : $0.content)
            },
            note: message.note
        )
    }
}

extension Civitas_V1_MaterialReport {
    init(_ report: MaterialReport) {
        self.init()
        key = report.key
        unit = report.unit
        indicator = report.indicator
        period.name = report.period
        switch report.value {
        case .number(let number)?: self.number = number
        case .provided(let flag)?: provided = flag
        case nil: break
        }
        evidence = report.evidence.map { item in
            .with { $0.fileName = item.fileName; $0.sha256 = item.sha256; $0.size = item.size; $0.mediaType = item.mediaType }
        }
        note = report.note
    }
}

extension InspectionRecord {
    init(_ message: Civitas_V1_InspectionRecord) {
        self.init(
            key: message.key, point: message.point, inspector: message.inspector, observedAt: message.observedAt.milliseconds,
            checks: message.checks.map { CheckResult(check: $0.check, passed: $0.passed, note: $0.note) },
            photoSHA256: message.photoSha256,
            location: message.hasLocation_p ? Coordinates(latitude: message.latitude, longitude: message.longitude) : nil
        )
    }
}

extension Civitas_V1_InspectionRecord {
    init(_ record: InspectionRecord) {
        self.init()
        key = record.key
        point = record.point
        inspector = record.inspector
        observedAt = Google_Protobuf_Timestamp(milliseconds: record.observedAt)
        checks = record.checks.map { check in .with { $0.check = check.check; $0.passed = check.passed; $0.note = check.note } }
        photoSha256 = record.photoSHA256
        if let location = record.location { (hasLocation_p, latitude, longitude) = (true, location.latitude, location.longitude) }
    }
}

extension SurveyResponse {
    init(_ message: Civitas_V1_SurveyResponse) {
        self.init(
            key: message.key, survey: message.survey, respondent: message.respondent,
            subcommand: message.subcommand.isEmpty ? nil : message.subcommand, submittedAt: message.submittedAt.milliseconds,
            durationSeconds: message.durationSeconds,
            answers: message.answers.map { SurveyAnswer(question: $0.question, answer: $0.answer) }
        )
    }
}

extension Civitas_V1_SurveyResponse {
    init(_ response: SurveyResponse) {
        self.init()
        key = response.key
        survey = response.survey
        respondent = response.respondent
        subcommand = response.subcommand ?? ""
        submittedAt = Google_Protobuf_Timestamp(milliseconds: response.submittedAt)
        durationSeconds = response.durationSeconds
        answers = response.answers.map { answer in .with { $0.question = answer.question; $0.answer = answer.answer } }
    }
}

extension FeedPoint {
    init(_ message: Civitas_V1_FeedPoint) {
        self.init(
            key: message.key, metric: message.metric, source: message.source, observedAt: message.observedAt.milliseconds,
            value: message.value, subcommand: message.subcommand.isEmpty ? nil : message.subcommand
        )
    }
}

extension Civitas_V1_FeedPoint {
    init(_ point: FeedPoint) {
        self.init()
        key = point.key
        metric = point.metric
        source = point.source
        observedAt = Google_Protobuf_Timestamp(milliseconds: point.observedAt)
        value = point.value
        subcommand = point.subcommand ?? ""
    }
}

extension Civitas_V1_StoredRecord {
    init(_ stored: StoredRecord) {
        self.init()
        sequence = UInt64(stored.sequence)
        principal = stored.principal
        receivedAt = Google_Protobuf_Timestamp(milliseconds: stored.receivedAt)
        superseded = stored.superseded
        switch stored.content {
        case .material(let report): channel = "material"; key = report.key; material = .init(report)
        case .inspection(let record): channel = "inspection"; key = record.key; inspection = .init(record)
        case .survey(let response): channel = "survey"; key = response.key; survey = .init(response)
        case .feed(let point): channel = "feed"; key = point.key; feed = .init(point)
        }
    }
}

extension CodeDeclaration {
    init(_ message: Civitas_V1_CodeRegistry) {
        self.init(
            indicators: message.indicators.map {
                .init(code: $0.code, method: $0.method, valueKind: $0.valueKind, range: $0.hasRange_p ? ($0.min, $0.max) : nil, units: $0.units)
            },
            surveys: message.surveys.map { ($0.code, $0.questions, $0.minDurationSeconds) },
            feedMetrics: message.feedMetrics.map { ($0.code, $0.unit, $0.min, $0.max) },
            checklistItems: message.checklistItems.map { .init(code: $0.code, description: $0.description_p) }
        )
    }
}

extension Civitas_V1_CodeRegistry {
    init(_ registry: CodeRegistry, tenant: TenantID) {
        self.init()
        self.tenant = tenant.rawValue
        indicators = registry.indicators.values.sorted { $0.code < $1.code }.map { indicator in
            .with {
                $0.code = indicator.code
                $0.method = indicator.method.rawValue
                $0.valueKind = indicator.valueKind?.rawValue ?? ""
                if let range = indicator.range { ($0.hasRange_p, $0.min, $0.max) = (true, range.lowerBound, range.upperBound) }
                $0.units = indicator.units.sorted()
            }
        }
        surveys = registry.surveys.values.sorted { $0.code < $1.code }.map { survey in
            .with { $0.code = survey.code; $0.questions = survey.questions.sorted(); $0.minDurationSeconds = survey.minimumDurationSeconds }
        }
        feedMetrics = registry.feedMetrics.values.sorted { $0.code < $1.code }.map { metric in
            .with { $0.code = metric.code; $0.unit = metric.unit; $0.min = metric.range.lowerBound; $0.max = metric.range.upperBound }
        }
        checklistItems = registry.checklistItems.values.sorted { $0.code < $1.code }.map { item in
            .with { $0.code = item.code; $0.description_p = item.description }
        }
    }
}
