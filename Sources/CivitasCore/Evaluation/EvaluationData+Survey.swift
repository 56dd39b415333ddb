/// Survey responses: integrity applied while folding (DOMAIN §3.1, §6), then histograms.
///
/// Per (survey, respondent) only the first response counts — earliest submitted time, then
/// lowest sequence (``SurveyIntegrity/precedes(submittedAtMilliseconds:sequence:_:sequence:)``),
/// city-wide, not per scope — and only when it is neither straight-lined nor too fast.
/// What is kept per respondent is that first response's time and sequence, and, when it
/// is valid, its digest element. Valid answers go into histograms of 1…5 per (survey,
/// question, sub-command or none).
///
/// Rows come in any order, so a later row can precede the response counted so far (an
/// earlier submitted time). Its predecessor's answers must then leave the histograms.
/// The histogram cells of the responses counted since the last
/// ``EvaluationData/advance(to:)`` are retained (4 bytes per answer), so every fold —
/// the first, from scratch, and each later one — is exact in any order. An advance drops
/// them, to keep the cached accumulator small: a late row that displaces a response
/// counted before the last advance sets ``EvaluationData/needsRebuild`` instead.
struct SurveyTally: Sendable {
    /// One histogram: the valid answers to one question of one survey in one block.
    struct Bin: Sendable {
        var survey: String
        var question: String
        var subcommand: String?
    }

    private struct RespondentKey: Hashable, Sendable {
        var survey: Int32
        var respondent: String
    }

    private struct SlotKey: Hashable, Sendable {
        var survey: Int32
        var subcommand: String?
    }

    /// The response that counts for a respondent so far.
    private struct FirstResponse: Sendable {
        var submittedAtMilliseconds: Int64
        var sequence: Int64
        /// Nil when the response is straight-lined or too fast: it never counted.
        var element: InputDigest.Element?
        /// The fold (number of advances before it) that counted it: its cells are in
        /// `retainedCells` (start, count) only while that fold is the current one.
        var fold: UInt32
        var retainedStart: Int32 = 0
        var retainedCount: Int32 = 0
    }

    static let answers: ClosedRange<UInt32> = 1...5

    private let minimumDurations: [String: UInt32]
    private var surveyIndex: [String: Int32] = [:]
    private var surveyMinimums: [UInt32] = []
    private var respondents: [RespondentKey: FirstResponse] = [:]
    /// Per (survey, sub-command): question → bin index.
    private var slotIndex: [SlotKey: Int] = [:]
    private var slotBins: [[String: Int32]] = []
    private(set) var bins: [Bin] = []
    /// Five counters per bin: answers 1…5.
    private(set) var cells: [Int] = []
    /// How many advances so far: the current fold's number.
    private var fold: UInt32 = 0
    private var retainedCells: [Int32] = []
    private(set) var displacedWithoutAnswers = false

    init(minimumDurations: [String: UInt32]) {
        self.minimumDurations = minimumDurations
    }

    /// Called by an advance: the responses counted so far are settled, their cells dropped.
    mutating func startNextFold() {
        fold += 1
        retainedCells = []
    }

    mutating func add(_ row: EvaluationRow.Survey, digest: inout InputDigest) {
        let survey = index(ofSurvey: row.survey)
        let valid =
            !SurveyIntegrity.isStraightLined(row.answers.lazy.map { $0.answer })
            && !SurveyIntegrity.isTooFast(durationSeconds: row.durationSeconds, minimumSeconds: surveyMinimums[Int(survey)])
        var response = FirstResponse(submittedAtMilliseconds: row.submittedAtMilliseconds, sequence: row.sequence, fold: fold)
        if valid {
            response.element = InputDigest.element(row.contentHash, sequence: row.sequence)
            response.retainedStart = Int32(retainedCells.count)
            response.retainedCount = Int32(row.answers.count { Self.answers.contains($0.answer) })
        }
        // One hash lookup per row (a million respondents make this the hot spot): the
        // entry is read and, when this response precedes it, replaced in place.
        var displaced: FirstResponse?
        var counts = true
        Self.settle(&respondents[RespondentKey(survey: survey, respondent: row.respondent)], with: response, displaced: &displaced, counts: &counts)
        guard counts else { return }
        if let displaced { withdraw(displaced, digest: &digest) }
        guard let element = response.element else { return }
        digest.insert(element)
        count(row, survey: survey)
    }

    /// Keeps in `entry` whichever of it and `response` comes first; `counts` is false when
    /// the entry stays (the response is a duplicate, which never counts).
    private static func settle(_ entry: inout FirstResponse?, with response: FirstResponse, displaced: inout FirstResponse?, counts: inout Bool) {
        if let first = entry {
            guard
                SurveyIntegrity.precedes(
                    submittedAtMilliseconds: response.submittedAtMilliseconds, sequence: response.sequence, first.submittedAtMilliseconds,
                    sequence: first.sequence)
            else {
                counts = false
                return
            }
            displaced = first
        }
        entry = response
    }

    /// How many valid answers to `question` of `survey` were 1, 2, 3, 4 and 5: over every
    /// block for the city (`subcommand` nil), else over the responses naming `subcommand`.
    func histogram(survey: String, question: String, subcommand: String?) -> [Int] {
        var histogram = [Int](repeating: 0, count: Self.answers.count)
        for (index, bin) in bins.enumerated() where bin.survey == survey && bin.question == question {
            if let subcommand, bin.subcommand != subcommand { continue }
            for answer in 0..<histogram.count { histogram[answer] += cells[index * 5 + answer] }
        }
        return histogram
    }

    /// Adds a valid response's answers to the histograms and retains their cells (the
    /// response's entry already names where they start and how many there are).
    private mutating func count(_ row: EvaluationRow.Survey, survey: Int32) {
        let slot = index(ofSlot: SlotKey(survey: survey, subcommand: row.subcommand))
        for answer in row.answers where Self.answers.contains(answer.answer) {
            let cell =
                Int32(index(ofBin: answer.question, slot: slot, survey: row.survey, subcommand: row.subcommand)) * 5
                + Int32(answer.answer - 1)
            cells[Int(cell)] += 1
            retainedCells.append(cell)
        }
    }

    /// Takes a displaced first response out of the digest and the histograms.
    private mutating func withdraw(_ first: FirstResponse, digest: inout InputDigest) {
        guard let element = first.element else { return }
        digest.remove(element)
        guard first.fold == fold else {
            displacedWithoutAnswers = true
            return
        }
        let start = Int(first.retainedStart)
        for cell in retainedCells[start..<start + Int(first.retainedCount)] { cells[Int(cell)] -= 1 }
    }

    private mutating func index(ofSurvey code: String) -> Int32 {
        if let known = surveyIndex[code] { return known }
        let index = Int32(surveyMinimums.count)
        surveyIndex[code] = index
        surveyMinimums.append(minimumDurations[code] ?? 0)
        return index
    }

    private mutating func index(ofSlot key: SlotKey) -> Int {
        if let known = slotIndex[key] { return known }
        slotIndex[key] = slotBins.count
        slotBins.append([:])
        return slotBins.count - 1
    }

    private mutating func index(ofBin question: String, slot: Int, survey: String, subcommand: String?) -> Int {
        if let known = slotBins[slot][question] { return Int(known) }
        let index = bins.count
        slotBins[slot][question] = Int32(index)
        bins.append(Bin(survey: survey, question: question, subcommand: subcommand))
        cells.append(contentsOf: repeatElement(0, count: Self.answers.count))
        return index
    }
}

extension EvaluationData {
    /// Counts when submitted in `[period.start, period.end)`, subject to the integrity
    /// rules (see ``SurveyTally``); only valid first responses are in the digest.
    public mutating func add(_ row: EvaluationRow.Survey) {
        guard row.sequence > cutoff, inWindow(row.submittedAtMilliseconds) else { return }
        surveys.add(row, digest: &digest)
    }
}
