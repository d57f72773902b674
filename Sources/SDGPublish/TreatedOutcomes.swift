import SDGEvaluate

extension ImpactEvaluation {
    /// The outcomes of the treated areas' series, read in place through their positions (`treatedPositions`): a copy
    /// of a national run's 540,000 treated outcomes was 159 MB, and the report and the profiles filtered them again per
    /// goal, node and indicator (heaptrack). Each pass over them reads the outcomes.
    package var treatedOutcomes: LazyMapCollection<[Int], SeriesOutcome> {
        let outcomes = self.outcomes
        return treatedPositions.lazy.map { outcomes[$0] }
    }

    /// The treated outcomes of the indicators `ids`, in the outcomes' order, read in place: filtered from all of them
    /// for each goal tile, goal line and framework node, a national run's 540,000 treated outcomes were copied a
    /// hundred times over (6% of its samples, `perf`).
    package func treatedOutcomes(of ids: Set<String>) -> LazyMapCollection<[Int], SeriesOutcome> {
        let outcomes = self.outcomes
        let positions =
            ids.count == 1
            ? treatedByIndicator[ids.first!] ?? [] : ids.flatMap { treatedByIndicator[$0] ?? [] }.sorted()
        return positions.lazy.map { outcomes[$0] }
    }
}
