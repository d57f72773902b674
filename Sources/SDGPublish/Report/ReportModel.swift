/// Everything the HTML report shows, as plain values: the pipeline assembles it from the run, the renderer only lays
/// it out, so each can be tested alone.
public struct ReportModel: Sendable {
    /// A goal tile of the overview: coloured by the localized progress class, with its number of local indicators.
    public struct GoalTile: Sendable {
        public let goal: Int
        public let name: String
        public let localIndicators: Int
        /// `target_achieved`, `substantial_progress`, `moderate_progress`, `limited_progress`, `deterioration`,
        /// `not_assessed` or `no_indicator`.
        public let status: String
        public init(goal: Int, name: String, localIndicators: Int, status: String) {
            self.goal = goal
            self.name = name
            self.localIndicators = localIndicators
            self.status = status
        }
    }

    public struct ActionResult: Sendable {
        public let indicator: String
        public let area: String
        public let unit: String?
        public let sentence: String
        public let difference: Double?
        public let ciLow: Double?
        public let ciHigh: Double?
        public let pValue: Double?
        public let levelChange: Double?
        public let slopeChange: Double?
        public let did: Double?
        /// What to print beside the estimate: its p-value when it can be read, or why there is none to read.
        public let didDetail: String?
        /// The synthetic control's mean gap after the start, and what to print beside it (`ReportAssembler.detail`).
        public let synthetic: Double?
        public let syntheticDetail: String?
        public let chart: String?
        public init(
            indicator: String, area: String, unit: String?, sentence: String, difference: Double?, ciLow: Double?,
            ciHigh: Double?, pValue: Double?, levelChange: Double?, slopeChange: Double?, did: Double?,
            didDetail: String?, synthetic: Double? = nil, syntheticDetail: String? = nil,
            chart: String?
        ) {
            self.indicator = indicator
            self.area = area
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

    public struct Action: Sendable {
        public let id: String
        public let title: String
        public let start: String
        public let results: [ActionResult]
        public init(id: String, title: String, start: String, results: [ActionResult]) {
            self.id = id
            self.title = title
            self.start = start
            self.results = results
        }
    }

    public struct ProgressRow: Sendable {
        public let indicator: String
        public let area: String
        public let unit: String?
        public let latest: Double?
        public let latestPeriod: String?
        public let target: Double?
        public let targetYear: Int?
        public let actualGrowth: Double?
        public let requiredGrowth: Double?
        public let eurostat: String?
        public let openSDG: String?
        public init(
            indicator: String, area: String, unit: String?, latest: Double?, latestPeriod: String?, target: Double?,
            targetYear: Int?, actualGrowth: Double?, requiredGrowth: Double?, eurostat: String?, openSDG: String?
        ) {
            self.indicator = indicator
            self.area = area
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

    public struct GoalGap: Sendable {
        public let goal: Int
        public let name: String
        public let covered: Int
        public let total: Int
        public let missing: [(code: String, label: String)]
        public init(goal: Int, name: String, covered: Int, total: Int, missing: [(code: String, label: String)]) {
            self.goal = goal
            self.name = name
            self.covered = covered
            self.total = total
            self.missing = missing
        }
    }

    public struct Responsibility: Sendable {
        public let name: String
        public let role: String
        public let indicator: String
        public let area: String?
        public let status: String?
        public let results: String
        public init(name: String, role: String, indicator: String, area: String?, status: String?, results: String) {
            self.name = name
            self.role = role
            self.indicator = indicator
            self.area = area
            self.status = status
            self.results = results
        }
    }

    public struct Source: Sendable {
        public let name: String
        public let path: String
        public let sha256: String
        public let records: Int
        public let rejected: Int
        public init(name: String, path: String, sha256: String, records: Int, rejected: Int) {
            self.name = name
            self.path = path
            self.sha256 = sha256
            self.records = records
            self.rejected = rejected
        }
    }

    public var pipeline: String
    public var generated: String
    public var version: String
    public var goals: [GoalTile] = []
    public var actions: [Action] = []
    public var progress: [ProgressRow] = []
    public var gaps: [GoalGap] = []
    public var accountability: [Responsibility] = []
    public var sources: [Source] = []
    public var tables: [String] = []

    public init(pipeline: String, generated: String, version: String) {
        self.pipeline = pipeline
        self.generated = generated
        self.version = version
    }
}
