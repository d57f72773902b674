import SDGCore

/// Finds a dimension that splits what should be one time series into series of one observation each: a record id,
/// a row number under a header of its own, a date column beside the year. Every row then becomes a series of its
/// own; nothing is rejected, and trends and impact quietly have nothing to estimate.
///
/// The test: most series have one observation, and among them, leaving one dimension out of the key brings series
/// with different periods together. Such a dimension is named, with the `ignore:` entry that removes it. A file of
/// one period (a census, a survey round) has one-point series too, but no dimension brings different periods
/// together, so it draws no warning. The dimensions are judged on the first `DuplicateCheck.sampleSize` series; the
/// counts are over all of them.
enum SplitSeriesCheck {
    /// At fewer series, one observation each is as likely a short file as a split one.
    static let minimumSeries = 10

    static func diagnostic(
        series: Int, singlePeriodSeries: Int,
        sample: [(key: SeriesKey, period: Int, frequency: Period.Frequency)], source: String, path: String
    ) -> Diagnostic? {
        guard series >= minimumSeries, singlePeriodSeries * 2 > series, sample.count >= 2 else { return nil }
        let dimensionIDs = sample.reduce(into: [String]()) { ids, entry in
            for d in entry.key.dimensions where !ids.contains(d.id) { ids.append(d.id) }
        }
        var splitting: [(id: String, merged: Int)] = []
        for id in dimensionIDs {
            var groups: [SeriesKey: Set<Int>] = [:]
            for entry in sample {
                let key = SeriesKey(
                    source: entry.key.source, indicator: entry.key.indicator, area: entry.key.area,
                    dimensions: entry.key.dimensions.filter { $0.id != id })
                groups[key, default: []].insert(entry.period)
            }
            // Series made whole again: several periods where each part had one.
            let covered = groups.values.reduce(0) { $0 + ($1.count >= 2 ? $1.count : 0) }
            if covered * 2 >= sample.count { splitting.append((id, groups.count)) }
        }
        guard !splitting.isEmpty else { return nil }
        let names = splitting.map { "`\($0.id)`" }.joined(separator: ", ")
        let first = splitting[0]
        let sampled = sample.count < singlePeriodSeries ? " (judged on the first \(sample.count) of them)" : ""
        return Diagnostic(
            .warning, .splitSeries, at: SourceLocation(file: path, line: 1),
            "\(singlePeriodSeries) of \(series) series of source `\(source)` have a single observation: "
                + "\(splitting.count == 1 ? "the column" : "each of the columns") \(names) "
                + "splits series that have several periods\(sampled); without `\(first.id)` these "
                + "\(sample.count) would be \(first.merged) series. If it is a record number or a label of the row "
                + "rather than a dimension, add `ignore: [\(splitting.map(\.id).joined(separator: ", "))]` "
                + "to the source's entry in the pipeline (`--ignore \(first.id)` for `inspect` and `evaluate`)")
    }
}
