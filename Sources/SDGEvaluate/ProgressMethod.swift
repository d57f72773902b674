/// The progress assessments a city can report (`evaluation.progress`). Every one is computed for every series (they
/// cost little); the ones a city does not choose are left empty in the tables and out of the report, so that a
/// city publishing Eurostat's classes alone does not also publish a competing Open SDG verdict.
package enum ProgressMethod: String, Sendable, Hashable, CaseIterable {
    /// Eurostat's classes (*Sustainable development in the EU*, methodological annex).
    case eurostat
    /// Open SDG / Statistics Canada's status and score.
    case opensdg
    /// SDSN's score and trend arrow (*Sustainable Development Report*).
    case sdsn
    /// OECD's distance to the target (*Measuring Distance to the SDG Targets*).
    case oecd
}
