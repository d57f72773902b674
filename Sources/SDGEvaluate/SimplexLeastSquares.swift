/// Least squares on the probability simplex: the w ≥ 0 with Σw = 1 that minimises ‖A w − b‖², the synthetic
/// control's weights.
///
/// Our own code because the answer must be exact and reproducible rather than within an optimiser's tolerance
/// (pysyncon uses SLSQP at its default `ftol`, which leaves weights a few 1e-4 apart between platforms): a primal
/// active-set method (Lawson & Hanson 1974, ch. 23, with the equality constraint kept in each subproblem). On the set
/// of areas with positive weight, the equality-constrained least squares is solved exactly (its KKT system); a
/// weight that would turn negative leaves the set along the segment towards that solution; an area whose gradient is
/// below the set's common multiplier enters it. Each step lowers the objective, so it ends in finitely many steps at
/// the point where the Karush–Kuhn–Tucker conditions hold.
enum SimplexLeastSquares {
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double] {
        let n = a.first?.count ?? 0
        guard n > 1 else { return n == 1 ? [1] : [] }
        var gram = [Double](repeating: 0, count: n * n)
        var c = [Double](repeating: 0, count: n)
        // Through pointers (the same additions in the same order): indexed, the accumulation checked every index and
        // was a third of the method's own time.
        gram.withUnsafeMutableBufferPointer { gram in
            c.withUnsafeMutableBufferPointer { c in
                for (row, target) in zip(a, b) {
                    row.withUnsafeBufferPointer { row in
                        for i in 0..<n {
                            let ri = row[i]
                            c[i] += ri * target
                            for j in i..<n { gram[i * n + j] += ri * row[j] }
                        }
                    }
                }
            }
        }
        for i in 0..<n { for j in 0..<i { gram[i * n + j] = gram[j * n + i] } }
        // Start at the best single area: ‖A_k − b‖² = G_kk − 2 c_k + ‖b‖².
        let first = (0..<n).min { gram[$0 * n + $0] - 2 * c[$0] < gram[$1 * n + $1] - 2 * c[$1] }!
        var w = [Double](repeating: 0, count: n)
        w[first] = 1
        var free = [first]
        let scale = max(gram.map(abs).max() ?? 1, c.map(abs).max() ?? 1, 1e-300)
        for _ in 0..<(20 * n + 50) {
            // The equality-constrained solution on the free set, stepping back while a weight would turn negative.
            while true {
                let v = constrainedSolution(gram, c, n: n, free: free)
                if v.allSatisfy({ $0 > 0 }) {
                    for (i, k) in free.enumerated() { w[k] = v[i] }
                    break
                }
                var step = 1.0
                for (i, k) in free.enumerated() where v[i] <= 0 { step = min(step, w[k] / (w[k] - v[i])) }
                for (i, k) in free.enumerated() { w[k] += step * (v[i] - w[k]) }
                let leaving = free.filter { w[$0] <= 1e-15 }
                for k in leaving { w[k] = 0 }
                free.removeAll { leaving.contains($0) }
                if free.isEmpty {  // only by rounding: restart from the best single area
                    w[first] = 1
                    free = [first]
                }
            }
            // Optimal when no area outside the set has a gradient below the set's multiplier.
            var gradient = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var s = -c[i]
                for j in free { s += gram[i * n + j] * w[j] }
                gradient[i] = s
            }
            let multiplier = free.reduce(0) { $0 + gradient[$1] } / Double(free.count)
            var isFree = [Bool](repeating: false, count: n)
            for k in free { isFree[k] = true }
            guard
                let entering = (0..<n).filter({ !isFree[$0] }).min(by: { gradient[$0] < gradient[$1] }),
                gradient[entering] < multiplier - 1e-13 * scale
            else { break }
            free.append(entering)
        }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }

    /// The minimiser of ½vᵀG_FF v − c_Fᵀv subject to Σv = 1, from its KKT system
    /// [G_FF 1; 1ᵀ 0][v; −μ] = [c_F; 1]. A singular G_FF (two areas with the same path) gets a ridge of 1e-12 of its
    /// scale, which picks one of the equally good solutions.
    static func constrainedSolution(_ gram: [Double], _ c: [Double], n: Int, free: [Int]) -> [Double] {
        let k = free.count
        if k == 1 { return [1] }
        let size = k + 1
        let trace = free.reduce(0) { $0 + gram[$1 * n + $1] }
        for ridge in [0, 1e-12 * max(trace, 1e-300)] {
            var m = [Double](repeating: 0, count: size * (size + 1))
            for (r, i) in free.enumerated() {
                for (s, j) in free.enumerated() { m[r * (size + 1) + s] = gram[i * n + j] + (r == s ? ridge : 0) }
                m[r * (size + 1) + k] = 1
                m[r * (size + 1) + size] = c[i]
            }
            for s in 0..<k { m[k * (size + 1) + s] = 1 }
            m[k * (size + 1) + size] = 1
            if let x = gaussianElimination(&m, size: size, tolerance: 1e-13 * max(trace, 1e-300)) {
                return Array(x.prefix(k))
            }
        }
        return [Double](repeating: 1 / Double(k), count: k)
    }

    /// Solves the `size` × (`size` + 1) augmented system in place, with partial pivoting; `nil` when singular.
    /// Through a pointer: the same operations in the same order as indexing the array, without a bounds check and
    /// a uniqueness check per element (a national run solves 2.5 M of these, `perf`).
    static func gaussianElimination(_ matrix: inout [Double], size: Int, tolerance: Double) -> [Double]? {
        let width = size + 1
        let solved = matrix.withUnsafeMutableBufferPointer { m -> Bool in
            for col in 0..<size {
                var pivot = col
                // The first of equal largest entries, as `max(by:)` picks.
                for r in (col + 1)..<max(size, col + 1) where abs(m[pivot * width + col]) < abs(m[r * width + col]) {
                    pivot = r
                }
                guard abs(m[pivot * width + col]) > tolerance else { return false }
                if pivot != col { for j in 0..<width { m.swapAt(pivot * width + j, col * width + j) } }
                let diagonal = m[col * width + col]
                for r in 0..<size where r != col {
                    let f = m[r * width + col] / diagonal
                    guard f != 0 else { continue }
                    for j in col..<width { m[r * width + j] -= f * m[col * width + j] }
                }
            }
            return true
        }
        guard solved else { return nil }
        return (0..<size).map { matrix[$0 * width + size] / matrix[$0 * width + $0] }
    }
}
