/// The languages the report is written in (`report: {language: fr}`): English, and the other two UN working
/// languages most used by the Global Network of Learning Cities.
package enum ReportLanguage: String, Sendable, CaseIterable {
    case en, fr, es
}

/// Every fixed string of the report, one catalogue per language (`ReportText+en.swift`, `+fr`, `+es`), by stable
/// key; `{0}`, `{1}`, ... are the arguments. A key missing from a catalogue is a failing test
/// (`ReportLanguageTests`), never a silent fall back to English. Numbers and dates are written for the language
/// too: `1 234,5` in French, `1.234,5` in Spanish, `6 décembre 2026`.
package struct ReportText: Sendable {
    package let language: ReportLanguage
    package let strings: [String: String]

    package init(_ language: ReportLanguage) {
        self.language = language
        switch language {
        case .en: strings = Self.english
        case .fr: strings = Self.french
        case .es: strings = Self.spanish
        }
    }

    package static let en = ReportText(.en)

    /// The text of `key` with its arguments in place.
    package func callAsFunction(_ key: String, _ args: String...) -> String {
        guard var text = strings[key] else { preconditionFailure("the \(language) report text has no '\(key)'") }
        for (i, arg) in args.enumerated() { text = text.replacingOccurrences(of: "{\(i)}", with: arg) }
        return text
    }

    /// `key.one` or `key.other` by `n`, with `n` as `{0}`.
    package func count(_ n: Int, _ key: String, _ args: String...) -> String {
        let form = n == 1 || (language == .fr && n == 0) ? "\(key).one" : "\(key).other"
        guard var text = strings[form] else { preconditionFailure("the \(language) report text has no '\(form)'") }
        text = text.replacingOccurrences(of: "{0}", with: "\(n)")
        for (i, arg) in args.enumerated() { text = text.replacingOccurrences(of: "{\(i + 1)}", with: arg) }
        return text
    }

    /// A number as the report writes it in this language (`Format.short`, then the language's separators and
    /// words for millions and billions).
    package func number(_ x: Double) -> String { localize(Format.short(x)) }

    /// A p-value: `< 0.001` below a thousandth.
    package func p(_ x: Double) -> String { localize(Format.p(x)) }

    /// A rate as a percentage with the language's separators.
    package func percent(_ x: Double) -> String { localize(Format.percent(x)) }

    func localize(_ english: String) -> String {
        guard language != .en else { return english }
        var out = ""
        for c in english {
            switch c {
            case ",": out += language == .fr ? "\u{202F}" : "."
            case ".": out += ","
            default: out.append(c)
            }
        }
        // French counts 1,5 million as one (the plural starts at 2); Spanish says "1,2 millones".
        let unsigned = out.hasPrefix("-") ? String(out.dropFirst()) : out
        let plural =
            language == .fr ? !(unsigned.hasPrefix("1 ") || unsigned.hasPrefix("1,")) : !unsigned.hasPrefix("1 ")
        if out.hasSuffix(" million") {
            out.removeLast(" million".count)
            out += self(plural ? "number.millions" : "number.million")
        } else if out.hasSuffix(" billion") {
            out.removeLast(" billion".count)
            out += self(plural ? "number.billions" : "number.billion")
        }
        return out
    }

    /// An ISO 8601 instant (`2026-12-06T18:45:14Z`) as a date and UTC time in words: `6 December 2026, 18:45 UTC`.
    package func date(_ iso: String) -> String {
        let digits = iso.split(whereSeparator: { !$0.isNumber }).map(String.init)
        guard digits.count >= 5, let month = Int(digits[1]), (1...12).contains(month), let day = Int(digits[2]) else {
            return iso
        }
        return self("date", "\(day)", self("month.\(month)"), digits[0], "\(digits[3]):\(digits[4])")
    }

    /// A status or progress class as words (`substantial_progress` → "On track").
    package func status(_ code: String) -> String {
        strings["status.\(code)"] ?? code.replacingOccurrences(of: "_", with: " ")
    }

    /// The name of a code of the SDMX cross-domain codelists (CL_SEX: `F`, `M`, `_T`) in this language, for a code
    /// the pipeline and its sources leave unnamed.
    package func sdmxCode(_ dimension: String, _ code: String) -> String? {
        strings["sdmx.\(dimension.lowercased()).\(code)"]
    }

    /// A learning-city tier, area or feature by its id: the English label is the framework's own.
    package func kflc(_ id: String, _ english: String) -> String {
        if language == .en { return english }
        guard let text = strings["kflc.\(id)"] else {
            preconditionFailure("the \(language) report text has no kflc.\(id)")
        }
        return text
    }

    /// Why an estimate has no value, in words: the estimator's own reason in English, a known code's words in
    /// another language (the reasons are written by the estimators, in English).
    package func why(_ s: (code: String, reason: String)) -> String {
        if language == .en { return s.reason.isEmpty ? s.code.replacingOccurrences(of: "_", with: " ") : s.reason }
        return strings["why.\(s.code)"] ?? s.code.replacingOccurrences(of: "_", with: " ")
    }

    /// A Eurostat progress class in words (its own names: `moderate_progress` differs from Open SDG's).
    package func eurostat(_ code: String) -> String {
        strings["eurostat.\(code)"] ?? code.replacingOccurrences(of: "_", with: " ")
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        components(separatedBy: a).joined(separator: b)
    }
}
