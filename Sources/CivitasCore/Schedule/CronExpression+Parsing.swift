extension CronExpression {
    /// Parses five whitespace-separated fields. Errors name the field and say what is
    /// wrong with it, e.g. `The hour field "25" is out of range: hours go from 0 to 23.`
    public init(parsing text: String) throws(CivitasError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw .invalidArgument(
                "The cron expression \"\(text.prefix(100))\" has \(fields.count) field(s); it needs five: "
                    + "minute, hour, day of month, month and day of week (e.g. \"0 2 1 * *\")."
            )
        }
        let minutes = try Field.minute.parse(fields[0])
        let hours = try Field.hour.parse(fields[1])
        let daysOfMonth = try Field.dayOfMonth.parse(fields[2])
        let months = try Field.month.parse(fields[3])
        // 7 is Sunday too.
        let daysOfWeek = Set(try Field.dayOfWeek.parse(fields[4]).map { $0 % 7 })
        self.init(
            source: fields.joined(separator: " "), minutes: minutes, hours: hours, daysOfMonth: daysOfMonth,
            months: months, daysOfWeek: daysOfWeek,
            dayOfMonthRestricted: !fields[2].hasPrefix("*"), dayOfWeekRestricted: !fields[4].hasPrefix("*")
        )
        // `0 0 30 2 *` would make every search for its next run fail: refuse it up front.
        let longestMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let someDayExists = months.contains { month in daysOfMonth.contains { $0 <= longestMonth[month - 1] } }
        if !someDayExists && !(dayOfMonthRestricted && dayOfWeekRestricted) {
            throw .invalidArgument("The cron expression \"\(source)\" never runs: none of its months has any of its days of the month.")
        }
    }

    /// One of the five fields: its name, range and value names.
    struct Field: Sendable {
        let name: String
        let plural: String
        let range: ClosedRange<Int>
        let names: [String: Int]

        static let minute = Field(name: "minute", plural: "minutes", range: 0...59, names: [:])
        static let hour = Field(name: "hour", plural: "hours", range: 0...23, names: [:])
        static let dayOfMonth = Field(name: "day-of-month", plural: "days of the month", range: 1...31, names: [:])
        static let month = Field(
            name: "month", plural: "months", range: 1...12,
            names: Dictionary(uniqueKeysWithValues: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated().map { ($1, $0 + 1) })
        )
        static let dayOfWeek = Field(
            name: "day-of-week", plural: "days of the week (0 or 7 is Sunday)", range: 0...7,
            names: Dictionary(uniqueKeysWithValues: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"].enumerated().map { ($1, $0) })
        )

        func parse(_ text: String) throws(CivitasError) -> Set<Int> {
            var values = Set<Int>()
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                values.formUnion(try parseItem(String(item), whole: text))
            }
            return values
        }

        private func parseItem(_ item: String, whole: String) throws(CivitasError) -> Set<Int> {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(parts.count), !parts[0].isEmpty else { throw invalid(whole, "\"\(item)\" is not a value, range or step") }
            var step = 1
            if parts.count == 2 {
                guard let parsed = Int(parts[1]), parsed > 0 else { throw invalid(whole, "the step \"\(parts[1])\" is not a positive number") }
                step = parsed
            }
            let bounds: ClosedRange<Int>
            if parts[0] == "*" {
                bounds = range
            } else if let dash = parts[0].firstIndex(of: "-") {
                let low = try value(String(parts[0][..<dash]), whole: whole)
                var high = try value(String(parts[0][parts[0].index(after: dash)...]), whole: whole)
                // `fri-sun`: Sunday closing a day-of-week range is day 7.
                if range.upperBound == 7, high == 0, low > 0 { high = 7 }
                guard low <= high else { throw invalid(whole, "the range \(parts[0]) runs backwards") }
                bounds = low...high
            } else {
                let start = try value(parts[0], whole: whole)
                // `a/n` runs from a to the end of the field, as cronie reads it.
                bounds = parts.count == 2 ? start...range.upperBound : start...start
            }
            return Set(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }

        private func value(_ text: String, whole: String) throws(CivitasError) -> Int {
            if let named = names[text.lowercased()] { return named }
            guard let number = Int(text) else {
                let hint = names.isEmpty ? "" : " or a name (\(names.sorted { $0.value < $1.value }.map(\.key).prefix(7).joined(separator: ", "))…)"
                throw invalid(whole, "\"\(text)\" is not a number\(hint)")
            }
            guard range.contains(number) else {
                throw .invalidArgument("The \(name) field \"\(whole)\" is out of range: \(plural) go from \(range.lowerBound) to \(range.upperBound).")
            }
            return number
        }

        private func invalid(_ whole: String, _ reason: String) -> CivitasError {
            .invalidArgument("The \(name) field \"\(whole)\" is not valid: \(reason).")
        }
    }
}
