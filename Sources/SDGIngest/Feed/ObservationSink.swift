import SDGCore

/// What consumes a feed's observations: the run's observation store and localizer, `inspect`'s control totals,
/// `evaluate`'s series collector. Each is handed every batch of a source in file order, after the ingest checks
/// (unknown codes, duplicates) have turned the rows they refuse into row rejects and the run's area scope has been
/// applied; `ObservationBatch.forEachObservationRow` gives exactly the rows to keep.
///
/// A new consumer of observations is a new sink; a new check of observations goes into `FeedReader` and is then
/// applied the same way for every command. Rejects and notices are not the sinks' business: `FeedReader` counts them
/// and returns them in its `FeedReport`, so every command counts records alike.
public protocol ObservationSink {
    mutating func take(_ batch: ObservationBatch) throws
}

/// A sink that keeps nothing, for a read that only needs the `FeedReport` (the fuzzer, `validate`'s count of a
/// source no indicator selects).
public struct DiscardingSink: ObservationSink {
    public init() {}
    public mutating func take(_ batch: ObservationBatch) {}
}

/// Two sinks fed the same batches, the first first.
public struct SinkPair<First: ObservationSink, Second: ObservationSink>: ObservationSink {
    public var first: First
    public var second: Second

    public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    public mutating func take(_ batch: ObservationBatch) throws {
        try first.take(batch)
        try second.take(batch)
    }
}
