import SDGLocalize

/// Everything the HTML report shows, as plain values: the pipeline assembles it from the run, the renderer only lays
/// it out, so each can be tested alone.
package struct ReportModel: Sendable {
    /// A goal tile of the overview: coloured by the localized progress class, with its number of local indicators.
    package struct GoalTile: Sendable {
        package let goal: Int
        package let name: String
        package let localIndicators: Int
        /// `target_achieved`, `substantial_progress`, `moderate_progress`, `limited_progress`, `deterioration`,
        /// `not_assessed` or `no_indicator`.
        package let status: String
        package init(goal: Int, name: String, localIndicators: Int, status: String) {
            self.goal = goal
            self.name = name
            self.localIndicators = localIndicators
            self.status = status
        }
    }

    package struct ActionResult: Sendable {
        package let indicator: String
        /// The area's name, and its code as the data has it (shown on hover).
        package let area: String
        package let areaCode: String
        package let unit: String?
        package let sentence: String
        package let difference: Double?
        package let ciLow: Double?
        package let ciHigh: Double?
        package let pValue: Double?
        package let levelChange: Double?
        package let slopeChange: Double?
        package let did: Double?
        /// What to print beside the estimate: its p-value when it can be read, or why there is none to read.
        package let didDetail: String?
        /// The synthetic control's mean gap after the start, and what to print beside it (`ReportAssembler.detail`).
        package let synthetic: Double?
        package let syntheticDetail: String?
        package let chart: String?
        /// The indicator's metadata, shown under the chart.
        package var metadata = IndicatorMetadata()
        /// The before/after difference over the mean before (`relative_change`), shown beside the difference: a
        /// rate's change is in percentage points, its relative change in percent.
        package var relativeChange: Double?
        /// The difference-in-differences with the start moved before the action (it should be near zero), and when.
        package var placebo: (estimate: Double, start: Double)?
        package init(
            indicator: String, area: String, areaCode: String? = nil, unit: String?, sentence: String,
            difference: Double?, ciLow: Double?,
            ciHigh: Double?, pValue: Double?, levelChange: Double?, slopeChange: Double?, did: Double?,
            didDetail: String?, synthetic: Double? = nil, syntheticDetail: String? = nil,
            chart: String?
        ) {
            self.indicator = indicator
            self.area = area
            self.areaCode = areaCode ?? area
            self.unit = unit
            self.sentence = sentence
            self.difference = difference
            self.ciLow = ciLow
            self.ciHigh = ciHigh
            self.pValue = pValue
            self.levelChange = levelChange
            self.slopeChange = slopeChange
            self.did = did
            self.didDetail = didDetail
            self.synthetic = synthetic
            self.syntheticDetail = syntheticDetail
            self.chart = chart
        }
    }

    package struct Action: Sendable {
        package let id: String
        package let title: String
        package let start: String
        package let results: [ActionResult]
        package init(id: String, title: String, start: String, results: [ActionResult]) {
            self.id = id
            self.title = title
            self.start = start
            self.results = results
        }
    }

    package struct ProgressRow: Sendable {
        package let indicator: String
        package let area: String
        package let areaCode: String
        package let unit: String?
        package let latest: Double?
        package let latestPeriod: String?
        package let target: Double?
        package let targetYear: Int?
        package let actualGrowth: Double?
        package let requiredGrowth: Double?
        package let eurostat: String?
        package let openSDG: String?
        package init(
            indicator: String, area: String, areaCode: String? = nil, unit: String?, latest: Double?,
            latestPeriod: String?, target: Double?, targetYear: Int?, actualGrowth: Double?, requiredGrowth: Double?,
            eurostat: String?, openSDG: String?
        ) {
            self.indicator = indicator
            self.area = area
            self.areaCode = areaCode ?? area
            self.unit = unit
            self.latest = latest
            self.latestPeriod = latestPeriod
            self.target = target
            self.targetYear = targetYear
            self.actualGrowth = actualGrowth
            self.requiredGrowth = requiredGrowth
            self.eurostat = eurostat
            self.openSDG = openSDG
        }
    }

    package struct GoalGap: Sendable {
        package let goal: Int
        package let name: String
        package let covered: Int
        package let total: Int
        /// The targets without a local indicator: code, title and the title's language (`en` for the built-in ones).
        package let missing: [(code: String, label: String, language: String)]
        package init(
            goal: Int, name: String, covered: Int, total: Int,
            missing: [(code: String, label: String, language: String)]
        ) {
            self.goal = goal
            self.name = name
            self.covered = covered
            self.total = total
            self.missing = missing
        }
    }

    package struct Responsibility: Sendable {
        package let name: String
        package let role: String
        package let indicator: String
        package let area: String?
        package let status: String?
        package let results: String
        package init(name: String, role: String, indicator: String, area: String?, status: String?, results: String) {
            self.name = name
            self.role = role
            self.indicator = indicator
            self.area = area
            self.status = status
            self.results = results
        }
    }

    package struct Source: Sendable {
        /// How a source by URL was had this run (`FeedProvenance` in the words of the report).
        package struct Fetched: Sendable {
            /// `downloaded`, `not_modified`, `offline` or `cache_after_error`.
            package let origin: String
            package let downloaded: String
            package let checked: String?
            package let httpStatus: Int?
            package init(origin: String, downloaded: String, checked: String?, httpStatus: Int?) {
                self.origin = origin
                self.downloaded = downloaded
                self.checked = checked
                self.httpStatus = httpStatus
            }
        }

        package let name: String
        /// The file's path, or a source by URL's address.
        package let path: String
        package let sha256: String
        package let records: Int
        package let rejected: Int
        package var fetched: Fetched?
        package init(name: String, path: String, sha256: String, records: Int, rejected: Int, fetched: Fetched? = nil) {
            self.name = name
            self.path = path
            self.sha256 = sha256
            self.records = records
            self.rejected = rejected
            self.fetched = fetched
        }
    }

    /// The pipeline's `report:` front matter: a title, the city, the period covered, a logo (an embedded data URI).
    package struct FrontMatter: Sendable {
        package var title: String?
        package var city: String?
        package var period: String?
        package var logo: String?
        package var language: ReportLanguage
        /// At most this many treated series are drawn in full; the others are summarised (`ReportScope`).
        package var maxSeries = 200
        /// The review's edition (`report.edition: 2025`), recorded in the database's `editions` table so that the next
        /// edition's VLR pack shows what changed since this one.
        package var edition: String?
        package init(
            title: String? = nil, city: String? = nil, period: String? = nil, logo: String? = nil,
            language: ReportLanguage = .en
        ) {
            self.title = title
            self.city = city
            self.period = period
            self.logo = logo
            self.language = language
        }
    }

    package var front = FrontMatter()
    /// The report's fixed strings, numbers and dates, in `front.language`.
    package var text = ReportText.en
    package var summary = ReportSummary()
    /// The Key Features of Learning Cities as the city's indicators cover them.
    package var profile: LearningCityProfile?
    /// The other frameworks the indicators link to (`frameworks:`), each with its nodes' rows.
    package var frameworkProfiles: [(framework: Framework, rows: [FrameworkProfile.Row])] = []
    package var pipeline: String
    package var generated: String
    package var version: String
    package var goals: [GoalTile] = []
    package var actions: [Action] = []
    package var progress: [ProgressRow] = []
    package var gaps: [GoalGap] = []
    package var accountability: [Responsibility] = []
    /// What the report summarises instead of drawing, when the treated series outnumber `front.maxSeries`.
    package var overflow: Overflow?
    /// Every local indicator with metadata, by its name, for the methods section's table.
    package var metadata: [(indicator: String, metadata: IndicatorMetadata)] = []
    package var sources: [Source] = []
    package var tables: [String] = []
    /// Maps of the areas with boundaries (`geography:`), when the pipeline has them.
    package var maps: MapSection?

    package init(pipeline: String, generated: String, version: String) {
        self.pipeline = pipeline
        self.generated = generated
        self.version = version
    }
}
