import SDGEvaluate

extension ImpactEvaluation {
    /// The outcomes of the treated areas' series, read in place through their positions (`treatedPositions`): a copy
    /// of a national run's 540,000 treated outcomes was 159 MB, and the report and the profiles filtered them again per
    /// goal, node and indicator (heaptrack). Each pass over them reads the outcomes.
    package var treatedOutcomes: LazyMapCollection<[Int], SeriesOutcome> {
        let outcomes = self.outcomes
        return treatedPositions.lazy.map { outcomes[$0] }
    }
}
