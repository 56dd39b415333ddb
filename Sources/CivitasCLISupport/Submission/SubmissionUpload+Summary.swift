extension SubmissionUpload {
    /// The line on stdout after an upload, or after it stopped.
    func summary(_ outcome: UploadRun<Record>.Outcome, interrupted: Bool) -> String {
        let g = ProgressLine.grouped
        let tally = outcome.tally
        let verb = dryRun ? "Checked (dry run, nothing stored)" : "Sent"
        let refused = tally.refused + outcome.clientProblems
        let records = tally.records + outcome.clientProblems
        var text = interrupted
            ? "Stopped \(file) after \(g(tally.acknowledgedBatches)) of \(g(tally.batches)) batch(es) were acknowledged: "
            : "\(verb) \(file): \(g(records)) \(Record.channel.rawValue) record(s) in \(g(tally.batches)) batch(es): "
        text += "\(g(tally.stored)) \(dryRun ? "would be stored" : "stored"), \(g(tally.repeated)) repeated, \(g(refused)) refused"
        if outcome.clientProblems > 0 { text += " (\(g(outcome.clientProblems)) by the client: the rows cannot be read)" }
        text += "."
        if tally.retries > 0 {
            text += " Reconnected \(tally.retries) time(s)"
            if tally.repeatedAfterRetry > 0 {
                text += "; \(g(tally.repeatedAfterRetry)) of the repeats were re-sent after a lost connection (stored by the interrupted attempt)"
            }
            text += "."
        }
        if interrupted {
            text += " Send the same file again: acknowledged rows are recognized by their keys and not stored twice."
        }
        return text
    }
}
