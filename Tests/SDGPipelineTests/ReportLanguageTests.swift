import Foundation
import SDGTestSupport
import Testing

@testable import SDGLocalize
@testable import SDGPipeline
@testable import SDGPublish

/// The report in French and Spanish: every fixed string from the language's catalogue, numbers and dates written
/// for the language, and no English fixed string left in the text a reader sees.
@Suite struct ReportLanguageTests {
    @Test func everyCatalogueHasEveryKey() {
        let english = Set(ReportText.english.keys)
        let kflc = Set(LearningCityFramework.builtIn.allIDs.map { "kflc.\($0)" })
        for language in [ReportLanguage.fr, .es] {
            let keys = Set(ReportText(language).strings.keys)
            #expect(english.subtracting(keys).isEmpty, "\(language) lacks \(english.subtracting(keys).sorted())")
            #expect(kflc.subtracting(keys).isEmpty, "\(language) lacks \(kflc.subtracting(keys).sorted())")
            let extra = keys.subtracting(english).subtracting(kflc).filter { !$0.hasPrefix("why.") }
            #expect(extra.isEmpty, "\(language) has keys English lacks: \(extra.sorted())")
        }
        #expect(
            Set(ReportText(.fr).strings.keys.filter { $0.hasPrefix("why.") })
                == Set(ReportText(.es).strings.keys.filter { $0.hasPrefix("why.") }))
    }

    @Test func numbersAndDatesForTheLanguage() {
        let (en, fr, es) = (ReportText(.en), ReportText(.fr), ReportText(.es))
        #expect(
            en.number(12_345.4) == "12,345" && fr.number(12_345.4) == "12\u{202F}345" && es.number(12_345.4) == "12.345"
        )
        #expect(en.number(6.92) == "6.92" && fr.number(6.92) == "6,92" && es.number(-0.315) == "-0,315")
        #expect(fr.number(2_500_000) == "2,5 millions" && es.number(1_200_000) == "1,2 millones")
        #expect(fr.number(1_500_000) == "1,5 million" && es.number(1_000_000) == "1 millón")
        #expect(fr.number(1_000_000) == "1 million" && es.number(3e9) == "3 mil millones")
        #expect(fr.p(0.0004) == "< 0,001" && es.percent(0.017) == "1,7%")
        #expect(en.date("2026-12-06T18:45:14Z") == "6 December 2026, 18:45 UTC")
        #expect(fr.date("2026-12-06T18:45:14Z") == "6 décembre 2026, 18:45 UTC")
        #expect(es.date("2026-02-01T07:05:00Z") == "1 de febrero de 2026, 07:05 UTC")
    }

    /// The text of a report as a reader meets it: the page without its markup, style sheet and the English target
    /// labels kept on hover (`lang="en"`).
    static func visibleText(_ html: String) -> String {
        var text = html
        for pattern in [#"<style>[\s\S]*?</style>"#, #"<abbr [^>]*lang="en"[^>]*>[^<]*</abbr>"#, "<[^>]+>"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"")
    }

    /// The pieces of English fixed text a translated report must not contain: each catalogue string cut at its
    /// placeholders, pieces of at least two words that the other language does not share.
    static func englishPieces(unlike other: ReportText) -> [String] {
        ReportText.english.flatMap { key, value -> [String] in
            guard other.strings[key] != value else { return [] }
            return value.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
                .components(separatedBy: CharacterSet(charactersIn: "{}0123456789()·;:"))
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) }
                .filter { $0.split(separator: " ").count >= 2 && $0.count >= 8 }
                // Names and citations the translation keeps (Open SDG, Wagner et al.) are not English left over.
                .filter { !(other.strings[key] ?? "").contains($0) }
        }
    }

    @Test(arguments: [ReportLanguage.fr, .es])
    func theDemoInAnotherLanguageHasNoEnglishFixedString(_ language: ReportLanguage) throws {
        let workspace = DemoWorkspace()
        let yaml = try String(contentsOf: workspace.dir.url.appendingPathComponent("demo.yaml"), encoding: .utf8)
        _ = workspace.dir.write(
            yaml.replacingOccurrences(
                of: "report: {city: Riverton, period: 2010–2023, edition: 2023}",
                with: "report: {city: Riverton, period: 2010–2023, language: \(language.rawValue)}"), to: "demo.yaml")
        _ = try workspace.run()
        let html = try workspace.read("report.html")
        #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
        let text = Self.visibleText(html)
        let t = ReportText(language)
        let leftovers = Self.englishPieces(unlike: t).filter { text.contains($0) }
        #expect(leftovers.isEmpty, "English left in the \(language) report: \(leftovers.sorted())")
        // Numbers with the language's decimal comma, the change of a rate in its percentage points, the goals by
        // their official short names, the verdict in words.
        #expect(text.contains(t("percentage_points")) && text.contains(t("goal.4")))
        #expect(text.range(of: #"\d,\d"#, options: .regularExpression) != nil)
        #expect(text.contains(t("verdict.no_evidence", "").prefix(20)))
        #expect(text.contains(t("h.profile")) && text.contains(t.kflc("community.learning-spaces", "")))
    }

    @Test func anUnknownLanguageIsAnErrorWithTheChoices() throws {
        let workspace = DemoWorkspace()
        let yaml = try String(contentsOf: workspace.dir.url.appendingPathComponent("demo.yaml"), encoding: .utf8)
        _ = workspace.dir.write(
            yaml.replacingOccurrences(
                of: "report: {city: Riverton, period: 2010–2023, edition: 2023}", with: "report: {language: de}"),
            to: "demo.yaml")
        #expect {
            _ = try workspace.load()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("`report.language` is 'de'") && text.contains("en, fr, es")
        }
    }
}
