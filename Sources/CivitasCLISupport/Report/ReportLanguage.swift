import ArgumentParser

/// The language of report headings and labels: Chinese by default, the language the
/// campaign office works in; English for visitors and logs.
public enum ReportLanguage: String, Sendable, CaseIterable, ExpressibleByArgument {
    case zh
    case en

    /// The BCP 47 tag for the HTML `lang` attribute.
    public var htmlTag: String {
        switch self {
        case .zh: "zh-CN"
        case .en: "en"
        }
    }

    /// The label in this language: `pick("总分", "Total")`.
    func pick(_ chinese: String, _ english: String) -> String {
        self == .zh ? chinese : english
    }
}
