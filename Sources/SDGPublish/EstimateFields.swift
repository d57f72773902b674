import SDGEvaluate

/// The field names of every estimate, exactly as docs/methods.md lists them. The JSON of `sdgpipe evaluate` and
/// the columns of the `impact`, `trends` and `progress` tables are both built from these lists, so they cannot drift.
package enum EstimateFields {
    package typealias Fields = [(String, Table.Cell)]

    package static func beforeAfter(_ e: BeforeAfterEstimate) -> Fields {
        [
            ("n_before", .init(e.nBefore)), ("n_after", .init(e.nAfter)), ("mean_before", .init(e.meanBefore)),
            ("mean_after", .init(e.meanAfter)), ("difference", .init(e.difference)),
            ("relative_change", .init(e.relativeChange)),
            ("t", .init(e.t)), ("df", .init(e.degreesOfFreedom)), ("p_value", .init(e.pValue)),
            ("ci_low", .init(e.ciLow)),
            ("ci_high", .init(e.ciHigh)), ("cohen_d", .init(e.cohenD)), ("hedges_g", .init(e.hedgesG)),
        ]
            + status(e.status)
    }

    package static func ols(_ e: TrendEstimate) -> Fields {
        [
            ("slope", .init(e.slope)), ("intercept", .init(e.intercept)), ("se", .init(e.standardError)),
            ("t", .init(e.t)),
            ("p_value", .init(e.pValue)), ("ci_low", .init(e.ciLow)), ("ci_high", .init(e.ciHigh)),
            ("r_squared", .init(e.rSquared)),
        ] + status(e.status)
    }

    package static func mannKendall(_ e: MannKendallEstimate) -> Fields {
        [
            ("s", .init(e.s)), ("var_s", .init(e.varianceS)), ("z", .init(e.z)), ("p_value", .init(e.pValue)),
            ("tau", .init(e.tau)), ("p_exact", .init(e.pExact)),
        ] + status(e.status)
    }

    package static func sen(_ e: SenSlopeEstimate) -> Fields {
        [
            ("slope", .init(e.slope)), ("intercept", .init(e.intercept)), ("ci_low", .init(e.ciLow)),
            ("ci_high", .init(e.ciHigh)),
        ] + status(e.status)
    }

    package static func its(_ e: InterruptedTimeSeriesEstimate) -> Fields {
        [
            ("level_change", .init(e.levelChange)), ("slope_change", .init(e.slopeChange)),
            ("pre_slope", .init(e.preSlope)),
            ("post_slope", .init(e.postSlope)), ("level_se", .init(e.levelSE)), ("slope_se", .init(e.slopeSE)),
            ("level_p", .init(e.levelP)), ("slope_p", .init(e.slopeP)), ("r_squared", .init(e.rSquared)),
            ("durbin_watson", .init(e.durbinWatson)), ("hac_lags", .init(e.hacLags)),
            ("hac_level_se", .init(e.hacLevelSE)),
            ("hac_slope_se", .init(e.hacSlopeSE)),
        ] + status(e.status)
    }

    package static func did(_ e: DiDEstimate) -> Fields {
        [
            ("estimate_2x2", .init(e.estimate2x2)), ("estimate_twfe", .init(e.estimateTWFE)),
            ("se_clustered", .init(e.seClustered)), ("p_value", .init(e.pValue)),
            ("placebo_estimate", .init(e.placeboEstimate)), ("p_randomization", .init(e.pRandomization)),
            ("p_wild_bootstrap", .init(e.pWildBootstrap)),
        ]
            + status(e.status)
    }

    /// `synthetic_weights` reads `Lakeside 0.63; Hillview 0.37` (areas with a weight above zero, largest first).
    package static func syntheticControl(_ e: SyntheticControlEstimate) -> Fields {
        [
            ("p_randomization", .init(e.pValue)), ("estimate_synthetic", .init(e.estimate)),
            ("pre_rmspe", .init(e.preRMSPE)), ("post_rmspe", .init(e.postRMSPE)),
            (
                "synthetic_weights",
                .init(e.weights.isEmpty ? nil : e.weights.map { "\($0.area) \($0.weight)" }.joined(separator: "; "))
            ),
        ] + status(e.status)
    }

    package static func growth(_ e: GrowthRateEstimate) -> Fields {
        [("window", .init(e.window)), ("t0", .init(e.t0)), ("t1", .init(e.t1)), ("cagr", .init(e.cagr))]
            + status(e.status)
    }

    package static func eurostat(_ e: EurostatAssessment) -> Fields {
        [("class", .init(e.progressClass)), ("ratio", .init(e.ratio))] + status(e.status)
    }

    package static func openSDG(_ e: OpenSDGAssessment) -> Fields {
        [("status", .init(e.status)), ("score", .init(e.score)), ("progress_value", .init(e.progressValue))]
    }

    package static func sdsn(_ e: SDSNAssessment) -> Fields {
        [("score", .init(e.score)), ("arrow", .init(e.arrow)), ("status", .init(e.status.code))]
    }

    package static func oecd(_ e: OECDAssessment) -> Fields {
        [("distance", .init(e.distance))] + status(e.status)
    }

    static func status(_ s: EstimateStatus) -> Fields {
        [("status", .init(s.code)), ("reason", .init(s.reason.isEmpty ? nil : s.reason))]
    }

    /// The `progress` object of `evaluate --format json`: eurostat, opensdg, sdsn, oecd.
    package static func progressJSON(_ p: ProgressAssessment) -> JSONValue {
        .object([
            ("eurostat", .fields(eurostat(p.eurostat))), ("opensdg", .fields(openSDG(p.openSDG))),
            ("sdsn", .fields(sdsn(p.sdsn))), ("oecd", .fields(oecd(p.oecd))),
        ])
    }

    /// The progress columns of the `progress` table: the nested names joined with `_` (`eurostat_class`).
    /// The `progress` table's assessment columns; those of methods not in `methods` are left empty.
    package static func progressColumns(
        _ p: ProgressAssessment, methods: Set<ProgressMethod> = Set(ProgressMethod.allCases)
    ) -> Fields {
        func columns(_ method: ProgressMethod, _ fields: Fields) -> Fields {
            fields.map { (method.rawValue + "_" + $0.0, methods.contains(method) ? $0.1 : .missing) }
        }
        return columns(.eurostat, eurostat(p.eurostat)) + columns(.opensdg, openSDG(p.openSDG))
            + columns(.sdsn, sdsn(p.sdsn))
            + columns(.oecd, oecd(p.oecd))
    }
}
