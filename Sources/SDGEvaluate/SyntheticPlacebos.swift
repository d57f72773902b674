import SDGSystem

/// The placebos in space of synthetic controls, shared between the panels that have the same comparison areas.
///
/// A placebo fits one comparison area from the other comparison areas: the treated area is not in it. Every treated
/// area of a national run meets the same twenty comparison areas for an indicator, so each of its 21 fits a panel
/// repeated 20 fits that another panel had already made (they were nine tenths of the synthetic control's time, 13%
/// of a run's samples under `perf`). The key is every number a placebo reads: the comparison areas' values in the
/// fitted periods, in pool order, and the count of periods before the start. Equal keys give the same arithmetic in
/// the same order, so a shared result is the bits a fresh fit would give.
package final class SyntheticPlacebos: Sendable {
    struct Key: Hashable {
        let preCount: Int
        let units: Int
        /// The comparison areas' paths, one after the other, as bit patterns (so that NaN and −0 compare exactly).
        let values: [UInt64]
    }

    private let ratios = Locked<(kept: [Key: [Double]], held: Int, reused: Int)>(([:], 0, 0))
    /// Bounds the cache: numbers held in keys (8 bytes each). A national run's 60 distinct pools hold 24,000.
    private let capacity: Int

    package init(capacity: Int = 4_000_000) { self.capacity = capacity }

    /// The ratios of the placebos of `paths[1...]` (each fitted from the others), in order, those without a fit left
    /// out; made by `make` unless an equal pool was fitted before.
    func ratios(paths: [[Double]], preCount: Int, make: () -> [Double]) -> [Double] {
        var values: [UInt64] = []
        values.reserveCapacity((paths.count - 1) * (paths.first?.count ?? 0))
        for path in paths.dropFirst() { values.append(contentsOf: path.lazy.map(\.bitPattern)) }
        let key = Key(preCount: preCount, units: paths.count - 1, values: values)
        let known = ratios.withLock { cache in
            let known = cache.kept[key]
            if known != nil { cache.reused += 1 }
            return known
        }
        if let known { return known }
        let made = make()
        ratios.withLock { cache in
            guard cache.held + values.count <= capacity, cache.kept[key] == nil else { return }
            cache.kept[key] = made
            cache.held += values.count
        }
        return made
    }

    /// The distinct pools kept, and how many panels took their placebos from one.
    package var pools: Int { ratios.withLock { $0.kept.count } }
    package var reused: Int { ratios.withLock { $0.reused } }
}
