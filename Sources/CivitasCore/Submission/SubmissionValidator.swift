import Foundation

/// The checks every record passes at the door (DOMAIN §4): known codes, values in range
/// and finite, no times in the future beyond a small clock skew, periods that parse, a
/// unit reporting only what it is assigned, and a principal writing only inside its own
/// block. Pure: the caller supplies the registry, the organization, the clock and a hash
/// function, so the same rules run in tests and in the server.
public struct SubmissionValidator: Sendable {
    public var codes: CodeRegistry
    public var organization: OrganizationSnapshot
    public var principal: Principal
    public var now: Date
    public var timeZone: TimeZone
    public var maximumEvidenceBytes: Int
    /// How far in the future an observation may lie (clocks of phones and sensors drift).
    public var clockSkew: TimeInterval = 300
    public var sha256Hex: @Sendable (Data) -> String

    public init(
        codes: CodeRegistry, organization: OrganizationSnapshot, principal: Principal, now: Date, timeZone: TimeZone,
        maximumEvidenceBytes: Int, sha256Hex: @escaping @Sendable (Data) -> String
    ) {
        self.codes = codes
        self.organization = organization
        self.principal = principal
        self.now = now
        self.timeZone = timeZone
        self.maximumEvidenceBytes = maximumEvidenceBytes
        self.sha256Hex = sha256Hex
    }

    public typealias Problems = [(field: String, reason: String)]

    // MARK: Material reports

    /// Problems of one material report, and its parsed period when that parsed.
    public func check(_ report: MaterialReport) -> (problems: Problems, period: Period?) {
        var problems = keyProblems(report.key)
        if let reason = unitProblem(report.unit) {
            problems.append(("unit", reason))
        } else if let reason = blockProblem(unit: report.unit) {
            problems.append(("unit", reason))
        }
        var period: Period?
        do { period = try Period(parsing: report.period, timeZone: timeZone) } catch { problems.append(("period", error.message)) }
        if let indicator = codes.indicators[report.indicator] {
            if indicator.method != .material {
                problems.append(("indicator", "indicator \(indicator.code) is measured by \(indicator.method.rawValue), not by material reports"))
            } else {
                if !indicator.units.contains(report.unit), organization.units[report.unit] != nil {
                    problems.append(("indicator", "unit \(report.unit) is not assigned indicator \(indicator.code)"))
                }
                problems += valueProblems(report.value, indicator)
            }
        } else {
            problems.append(("indicator", "indicator \"\(report.indicator.prefix(64))\" is not declared"))
        }
        for (index, evidence) in report.evidence.enumerated() {
            problems += evidenceProblems(evidence).map { ("evidence[\(index)].\($0.field)", $0.reason) }
        }
        if !Self.fits(report.note, characters: 2000) { problems.append(("note", "is longer than 2000 characters")) }
        return (problems, period)
    }

    private func valueProblems(_ value: MaterialValue?, _ indicator: CodeRegistry.Indicator) -> Problems {
        switch (indicator.valueKind, value) {
        case (_, nil):
            return [("value", "is missing")]
        case (.number?, .number(let number)?):
            guard number.isFinite else { return [("number", "\(number) is not a finite number")] }
            if let range = indicator.range, !range.contains(number) {
                return [("number", "\(number) is outside the declared range \(range.lowerBound)…\(range.upperBound)")]
            }
            return []
        case (.number?, .provided?):
            return [("provided", "indicator \(indicator.code) takes a number, not a provided flag")]
        case (.provided?, .number?):
            return [("number", "indicator \(indicator.code) takes a provided flag, not a number")]
        default:
            return []
        }
    }

    private func evidenceProblems(_ evidence: Evidence) -> Problems {
        var problems: Problems = []
        if evidence.fileName.isEmpty || !Self.fits(evidence.fileName, characters: 255) { problems.append(("file_name", "must be 1 to 255 characters")) }
        if !Self.isSHA256Hex(evidence.sha256) { problems.append(("sha256", "must be 64 lower-case hex digits")) }
        if let content = evidence.content {
            if content.count > maximumEvidenceBytes {
                problems.append(("content", "is \(content.count) bytes, more than the \(maximumEvidenceBytes) this server stores; send the metadata only"))
            } else {
                if UInt64(content.count) != evidence.size { problems.append(("size", "is \(evidence.size) but the content has \(content.count) bytes")) }
                if Self.isSHA256Hex(evidence.sha256), sha256Hex(content) != evidence.sha256 {
                    problems.append(("sha256", "does not match the content's SHA-256"))
                }
            }
        }
        return problems
    }

    // MARK: Inspections

    public func check(_ record: InspectionRecord) -> Problems {
        var problems = keyProblems(record.key)
        switch organization.points[record.point] {
        case nil:
            problems.append(("point", "inspection point \"\(record.point.prefix(64))\" does not exist"))
        case let point? where !point.active:
            problems.append(("point", "inspection point \(record.point) is deactivated"))
        case let point?:
            // Inspectors inspect other blocks' points (cross-inspection); a sub-command
            // records only its own.
            if principal.role == .subcommand, let scope = principal.scope, point.subcommand != scope {
                problems.append(("point", "inspection point \(record.point) is not in sub-command \(scope)'s block"))
            }
        }
        if record.inspector.isEmpty || !Self.fits(record.inspector, characters: 100) { problems.append(("inspector", "must be 1 to 100 characters")) }
        if let reason = futureProblem(record.observedAt) { problems.append(("observed_at", reason)) }
        if record.checks.isEmpty { problems.append(("checks", "an inspection records at least one check")) }
        var seen = Set<String>()
        for (index, check) in record.checks.enumerated() {
            if codes.checklistItems[check.check] == nil {
                problems.append(("checks[\(index)].check", "checklist item \"\(check.check.prefix(64))\" is not declared"))
            } else if !seen.insert(check.check).inserted {
                problems.append(("checks[\(index)].check", "checklist item \(check.check) is checked twice in one inspection"))
            }
            if !Self.fits(check.note, characters: 2000) { problems.append(("checks[\(index)].note", "is longer than 2000 characters")) }
        }
        for (index, hash) in record.photoSHA256.enumerated() where !Self.isSHA256Hex(hash) {
            problems.append(("photo_sha256[\(index)]", "must be 64 lower-case hex digits"))
        }
        if let location = record.location { problems += OrganizationRules.locationProblems(location) }
        return problems
    }

    // MARK: Surveys

    public func check(_ response: SurveyResponse) -> Problems {
        var problems = keyProblems(response.key)
        if let survey = codes.surveys[response.survey] {
            if response.answers.isEmpty { problems.append(("answers", "a response answers at least one question")) }
            // Answers come in question order, so a question given twice is two neighbours.
            var previous: String?
            for item in response.answers {
                let question = item.question
                if question == previous {
                    problems.append(("answers[\(question.prefix(64))]", "question \(question.prefix(64)) is answered twice"))
                } else if !survey.questions.contains(question) {
                    problems.append(("answers[\(question.prefix(64))]", "survey \(survey.code) has no question \(question.prefix(64))"))
                } else if !(1...5).contains(item.answer) {
                    problems.append(("answers[\(question)]", "\(item.answer) is not an answer from 1 to 5"))
                }
                previous = question
            }
        } else {
            problems.append(("survey", "survey \"\(response.survey.prefix(64))\" is not declared"))
        }
        if response.respondent.isEmpty || !Self.fits(response.respondent, characters: 128) {
            problems.append(("respondent", "must be 1 to 128 characters"))
        }
        if let reason = futureProblem(response.submittedAt) { problems.append(("submitted_at", reason)) }
        problems += attributionProblems(response.subcommand)
        return problems
    }

    // MARK: Feeds

    public func check(_ point: FeedPoint) -> Problems {
        var problems = keyProblems(point.key)
        if let metric = codes.feedMetrics[point.metric] {
            if !point.value.isFinite {
                problems.append(("value", "\(point.value) is not a finite number"))
            } else if !metric.range.contains(point.value) {
                problems.append(("value", "\(point.value) is outside the declared range \(metric.range.lowerBound)…\(metric.range.upperBound)"))
            }
        } else {
            problems.append(("metric", "feed metric \"\(point.metric.prefix(64))\" is not declared"))
        }
        if point.source.isEmpty || !Self.fits(point.source, characters: 100) { problems.append(("source", "must be 1 to 100 characters")) }
        if let reason = futureProblem(point.observedAt) { problems.append(("observed_at", reason)) }
        problems += attributionProblems(point.subcommand)
        return problems
    }

    // MARK: Shared rules

    private func keyProblems(_ key: String) -> Problems {
        if key.isEmpty { return [("key", "is empty: every record needs an idempotency key")] }
        if key.utf8.count > 128 { return [("key", "is longer than 128 bytes")] }
        var nonASCII = false
        for byte in key.utf8 {
            if byte < 0x20 || byte == 0x7F { return [("key", "contains control characters")] }
            if byte >= 0x80 { nonASCII = true }
        }
        // C1 controls are two-byte sequences: only a non-ASCII key can hold one.
        if nonASCII, key.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) {
            return [("key", "contains control characters")]
        }
        return []
    }

    private func unitProblem(_ unit: String) -> String? {
        switch organization.units[unit] {
        case nil: "unit \"\(unit.prefix(64))\" does not exist"
        case let entry? where !entry.active: "unit \(unit) is deactivated"
        default: nil
        }
    }

    /// A unit reports for itself; a sub-command for the units of its block.
    private func blockProblem(unit: String) -> String? {
        guard let scope = principal.scope else { return nil }
        switch principal.role {
        case .unit where unit != scope:
            return "a credential of unit \(scope) cannot report for unit \(unit)"
        case .subcommand where organization.units[unit]?.subcommand != scope:
            return "unit \(unit) is not in sub-command \(scope)'s block"
        default:
            return nil
        }
    }

    /// Survey responses and feed points name the sub-command they belong to (or none: city-wide).
    private func attributionProblems(_ subcommand: String?) -> Problems {
        if let subcommand {
            switch organization.subcommands[subcommand] {
            case nil: return [("subcommand", "sub-command \"\(subcommand.prefix(64))\" does not exist")]
            case false?: return [("subcommand", "sub-command \(subcommand) is deactivated")]
            case true?: break
            }
        }
        if principal.role == .subcommand, let scope = principal.scope, subcommand != scope {
            return [("subcommand", "a credential of sub-command \(scope) writes only records of its own block")]
        }
        return []
    }

    private func futureProblem(_ date: Date) -> String? {
        guard date > now.addingTimeInterval(clockSkew) else { return nil }
        return "\(date.formatted(.iso8601)) lies in the future (server time \(now.formatted(.iso8601)))"
    }

    /// Whether `text` has at most `limit` characters. Counting characters walks grapheme
    /// clusters; a text of no more bytes than the limit cannot have more characters.
    static func fits(_ text: String, characters limit: Int) -> Bool {
        text.utf8.count <= limit || text.count <= limit
    }

    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
