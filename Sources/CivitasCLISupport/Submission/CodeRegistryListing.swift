import CivitasProtos
import Foundation

/// The codes in force, as tables.
public enum CodeRegistryListing {
    public static func render(_ codes: Civitas_V1_CodeRegistry) -> String {
        var sections: [String] = []
        if !codes.indicators.isEmpty {
            var table = Table("INDICATOR", "METHOD", "KIND", "RANGE", "UNITS")
            for item in codes.indicators {
                let range = item.hasRange_p ? "\(RecordListing.number(item.min))…\(RecordListing.number(item.max))" : "-"
                let units = item.units.count > 4 ? item.units.prefix(4).joined(separator: ",") + ",… (\(item.units.count))"
                    : item.units.joined(separator: ",")
                table.add(item.code, item.method, item.valueKind.isEmpty ? "-" : item.valueKind, range, units.isEmpty ? "-" : units)
            }
            sections.append(table.render())
        }
        if !codes.surveys.isEmpty {
            var table = Table("SURVEY", "MIN SECONDS", "QUESTIONS")
            for item in codes.surveys { table.add(item.code, "\(item.minDurationSeconds)", item.questions.joined(separator: ",")) }
            sections.append(table.render())
        }
        if !codes.feedMetrics.isEmpty {
            var table = Table("FEED METRIC", "UNIT", "RANGE")
            for item in codes.feedMetrics {
                table.add(item.code, item.unit, "\(RecordListing.number(item.min))…\(RecordListing.number(item.max))")
            }
            sections.append(table.render())
        }
        if !codes.checklistItems.isEmpty {
            var table = Table("CHECK", "DESCRIPTION")
            for item in codes.checklistItems { table.add(item.code, item.description_p) }
            sections.append(table.render())
        }
        let summary = "\(codes.indicators.count) indicator(s), \(codes.surveys.count) survey(s), "
            + "\(codes.feedMetrics.count) feed metric(s), \(codes.checklistItems.count) checklist item(s)."
        return (sections + [summary]).joined(separator: "\n\n")
    }
}
