import SDGSystem

/// What a fixed-effects panel computes from its layout alone (how many observations each area has in each period),
/// made once and shared by every panel of that layout: the lower Cholesky factor of the period effects' system
/// Pᵀ M_D P, and for each pattern of periods after the start the placebos' denominators d_jᵀ M d_j
/// (`RandomizationInference`).
///
/// Why shared: a national run's 118,800 panels (a treated area and its twenty comparison areas over the same years)
/// have a handful of layouts, and building the system, factoring it and solving it once per area for the placebos
/// was 2% of the run's samples (`perf`), repeated panel after panel. The key is every number these read, the counts
/// by area and period, so a shared factor or denominator is the bits a fresh one would be.
final class FixedEffectsLayout: Sendable {
    let areas: Int
    let periods: Int
    /// Observations of area g, at g.
    let areaSize: [Double]
    /// Observations of area g at period s, at g × periods + s.
    let cells: [Double]
    /// Lower Cholesky factor of Pᵀ M_D P over periods 1…T−1 (period 0 is the constant's), row-major; `nil` when
    /// the period effects are collinear once the area means are taken.
    let factor: [Double]?
    /// The placebos' denominators by pattern of periods after the start (`sweptSquares`); empty where one is
    /// degenerate (`placeboDenominators` then gives `nil`).
    private let denominators = Locked<[[Bool]: [Double]]>([:])

    private init(areas: Int, periods: Int, areaSize: [Double], cells: [Double]) {
        self.areas = areas
        self.periods = periods
        self.areaSize = areaSize
        self.cells = cells
        let m = periods - 1
        var gram = [Double](repeating: 0, count: m * m)
        for g in 0..<areas {
            let base = g * periods
            for s in 1..<max(periods, 1) where cells[base + s] > 0 {
                let ns = cells[base + s]
                gram[(s - 1) * m + (s - 1)] += ns
                for t in 1..<periods where cells[base + t] > 0 {
                    gram[(s - 1) * m + (t - 1)] -= ns * cells[base + t] / areaSize[g]
                }
            }
        }
        factor = Self.cholesky(gram, m)
    }

    /// The layout of these counts: the one made before for equal counts while the cache has room, else a new one.
    static func of(areas: Int, periods: Int, areaSize: [Double], cells: [Double]) -> FixedEffectsLayout {
        let key = Key(areas: areas, periods: periods, cells: cells)
        if let known = cache.withLock({ $0.kept[key] }) { return known }
        let made = FixedEffectsLayout(areas: areas, periods: periods, areaSize: areaSize, cells: cells)
        return cache.withLock { cache in
            if let raced = cache.kept[key] { return raced }
            let numbers = cells.count + (periods - 1) * (periods - 1)
            guard cache.held + numbers <= capacity else { return made }
            cache.kept[key] = made
            cache.held += numbers
            return made
        }
    }

    /// d_jᵀ M d_j for each area j, d_j the indicator of area j's rows in the periods after the start; `nil` when one
    /// is not above 1e-10 of its rows there (its placebo cannot be estimated).
    func placeboDenominators(postPeriod: [Bool]) -> [Double]? {
        if let known = denominators.withLock({ $0[postPeriod] }) { return known.isEmpty ? nil : known }
        var made: [Double] = []
        for j in 0..<areas {
            var rows = 0.0
            for s in 0..<periods where postPeriod[s] { rows += cells[j * periods + s] }
            let denominator = sweptSquares(ofPostIn: j, postPeriod: postPeriod)
            guard rows > 0, denominator > 1e-10 * rows else {
                made = []
                break
            }
            made.append(denominator)
        }
        denominators.withLock { if $0.count < 64 { $0[postPeriod] = made } }
        return made.isEmpty ? nil : made
    }

    /// d_jᵀ M d_j without sweeping a vector of n: M_D d_j lives on area j's rows (1 − p/n_j after the start, −p/n_j
    /// before, p its rows after), so d_jᵀM_D d_j = p − p²/n_j, and Pᵀ M_D d_j has at period s area j's rows there
    /// times that value; the period effects take off rᵀ(Pᵀ M_D P)⁻¹r. O(T²) per area where a sweep is O(n + T²).
    func sweptSquares(ofPostIn j: Int, postPeriod: [Bool]) -> Double {
        var p = 0.0
        for s in 0..<periods where postPeriod[s] { p += cells[j * periods + s] }
        let share = p / areaSize[j]
        let r = (1..<max(periods, 1)).map { s in cells[j * periods + s] * ((postPeriod[s] ? 1 : 0) - share) }
        let gamma = solve(r)
        var taken = 0.0
        for s in r.indices { taken += r[s] * gamma[s] }
        return p - p * share - taken
    }

    /// x with L Lᵀ x = b (only for a layout with a factor).
    func solve(_ b: [Double]) -> [Double] {
        let factor = factor!
        let m = b.count
        var y = b
        for i in 0..<m {
            var s = y[i]
            for j in 0..<i { s -= factor[i * m + j] * y[j] }
            y[i] = s / factor[i * m + i]
        }
        for i in stride(from: m - 1, through: 0, by: -1) {
            var s = y[i]
            for j in (i + 1)..<max(m, i + 1) { s -= factor[j * m + i] * y[j] }
            y[i] = s / factor[i * m + i]
        }
        return y
    }

    /// The lower factor, or `nil` when a pivot falls below 1e-10 of the largest diagonal entry: the columns are
    /// collinear (the dummy regression's QR would have stopped too).
    private static func cholesky(_ a: [Double], _ m: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: m * m)
        let largest = (0..<m).map { a[$0 * m + $0] }.max() ?? 0
        for j in 0..<m {
            var d = a[j * m + j]
            for k in 0..<j { d -= l[j * m + k] * l[j * m + k] }
            guard d > 1e-10 * largest else { return nil }
            let root = d.squareRoot()
            l[j * m + j] = root
            for i in (j + 1)..<max(m, j + 1) {
                var s = a[i * m + j]
                for k in 0..<j { s -= l[i * m + k] * l[j * m + k] }
                l[i * m + j] = s / root
            }
        }
        return l
    }

    struct Key: Hashable {
        let areas: Int
        let periods: Int
        let cells: [Double]
    }
    /// Bounds the cache: numbers held (8 bytes each). A national run's layouts hold a few thousand.
    static let capacity = 4_000_000
    private static let cache = Locked<(kept: [Key: FixedEffectsLayout], held: Int)>(([:], 0))
}
