/// Ordinary least squares by Householder QR: more accurate than the normal equations when time runs in calendar
/// years (a column of 2010…2023 next to a constant is badly conditioned for XᵀX). Small and dense on purpose: the
/// designs here have a handful of columns (trend, segmented regression) or a few hundred (two-way fixed effects).
struct LeastSquaresFit {
    let coefficients: [Double]
    let residuals: [Double]
    /// (XᵀX)⁻¹, row-major p × p.
    let inverseGram: [Double]
    let observations: Int
    let parameters: Int

    var residualSumOfSquares: Double { residuals.reduce(0) { $0 + $1 * $1 } }
    var residualDegreesOfFreedom: Int { observations - parameters }

    /// Fits y on the columns of `design` (row-major n × p). Returns `nil` when the columns are collinear.
    init?(design: [Double], columns p: Int, response y: [Double]) {
        let n = y.count
        guard n >= p, design.count == n * p else { return nil }
        // Column-major, without bounds checks: Householder works down columns, and two-way fixed-effects designs
        // (hundreds of rows, dozens of columns) made this the largest cost of a network run's evaluation; its sums
        // run in four lanes (`dot`).
        var a = [Double](repeating: 0, count: n * p)
        for i in 0..<n { for j in 0..<p { a[j * n + i] = design[i * p + j] } }
        var qty = y
        var diagonal = [Double](repeating: 0, count: p)
        var scale = 0.0
        for x in design { scale = max(scale, abs(x)) }
        let collinear: Bool = a.withUnsafeMutableBufferPointer { a in
            qty.withUnsafeMutableBufferPointer { qty in
                let base = a.baseAddress!
                for k in 0..<p {
                    let column = k * n
                    var norm = Self.dot(base + column + k, base + column + k, n - k)
                    norm = norm.squareRoot()
                    if norm <= 1e-13 * max(scale, 1) * Double(n) { return true }
                    let alpha = a[column + k] > 0 ? -norm : norm
                    // v = x − alpha·e1 stored in column k below the diagonal
                    a[column + k] -= alpha
                    let vnorm2 = Self.dot(base + column + k, base + column + k, n - k)
                    for j in (k + 1)..<max(p, k + 1) {
                        let other = j * n
                        let dot = Self.dot(base + column + k, base + other + k, n - k)
                        let factor = 2 * dot / vnorm2
                        Self.subtract(factor, base + column + k, from: base + other + k, n - k)
                    }
                    let dot = Self.dot(base + column + k, qty.baseAddress! + k, n - k)
                    let factor = 2 * dot / vnorm2
                    Self.subtract(factor, base + column + k, from: qty.baseAddress! + k, n - k)
                    diagonal[k] = alpha
                }
                return false
            }
        }
        if collinear { return nil }
        // R has `diagonal` on its diagonal and a[j*n+i] (i < j) above it.
        func r(_ i: Int, _ j: Int) -> Double { i == j ? diagonal[i] : a[j * n + i] }
        let maxDiagonal = diagonal.map(abs).max() ?? 0
        guard diagonal.allSatisfy({ abs($0) > 1e-12 * maxDiagonal }) else { return nil }
        var beta = [Double](repeating: 0, count: p)
        for i in stride(from: p - 1, through: 0, by: -1) {
            var s = qty[i]
            for j in (i + 1)..<max(p, i + 1) { s -= r(i, j) * beta[j] }
            beta[i] = s / r(i, i)
        }
        // R⁻¹ (upper triangular), then (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ.
        var rInverse = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            rInverse[j * p + j] = 1 / r(j, j)
            for i in stride(from: j - 1, through: 0, by: -1) {
                var s = 0.0
                for k in (i + 1)...j { s += r(i, k) * rInverse[k * p + j] }
                rInverse[i * p + j] = -s / r(i, i)
            }
        }
        var gram = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in i..<p {
                var s = 0.0
                for k in j..<p { s += rInverse[i * p + k] * rInverse[j * p + k] }
                gram[i * p + j] = s
                gram[j * p + i] = s
            }
        }
        var residuals = y
        for i in 0..<n {
            var fitted = 0.0
            for j in 0..<p { fitted += design[i * p + j] * beta[j] }
            residuals[i] = y[i] - fitted
        }
        self.coefficients = beta
        self.residuals = residuals
        self.inverseGram = gram
        self.observations = n
        self.parameters = p
    }

    /// Σ x[i]·y[i] over `count` values in four running sums: one sum waits for each addition before the next (four
    /// cycles each), which made the Householder steps of a two-way fixed-effects design (400 rows, 41 columns) a
    /// quarter of a national run's evaluation. The order of the additions differs from one running sum's, by rounding
    /// only (the reference values hold to 1e-9).
    @inline(__always)
    static func dot(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= count {
            s0 += x[i] * y[i]
            s1 += x[i + 1] * y[i + 1]
            s2 += x[i + 2] * y[i + 2]
            s3 += x[i + 3] * y[i + 3]
            i += 4
        }
        while i < count {
            s0 += x[i] * y[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// y[i] −= factor·x[i], four at a time. Written with pointers: indexed from one buffer, the loop was scalar, checked
    /// every index for overflow and reloaded the buffer's address each time (`perf annotate`). Each element is computed
    /// as before, so the results are the same.
    @inline(__always)
    static func subtract(
        _ factor: Double, _ x: UnsafeMutablePointer<Double>, from y: UnsafeMutablePointer<Double>, _ count: Int
    ) {
        var i = 0
        while i + 4 <= count {
            let (x0, x1, x2, x3) = (x[i], x[i + 1], x[i + 2], x[i + 3])
            y[i] -= factor * x0
            y[i + 1] -= factor * x1
            y[i + 2] -= factor * x2
            y[i + 3] -= factor * x3
            i += 4
        }
        while i < count {
            y[i] -= factor * x[i]
            i += 1
        }
    }

    /// Classical covariance σ²(XᵀX)⁻¹ with σ² = RSS / (n − p).
    func classicalStandardErrors() -> [Double] {
        let sigma2 = residualSumOfSquares / Double(residualDegreesOfFreedom)
        return (0..<parameters).map { (sigma2 * inverseGram[$0 * parameters + $0]).squareRoot() }
    }

    /// The sandwich (XᵀX)⁻¹ M (XᵀX)⁻¹ for a "meat" matrix M (p × p), as robust covariances need.
    func sandwich(_ meat: [Double]) -> [Double] {
        let p = parameters
        var left = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0..<p {
                var s = 0.0
                for k in 0..<p { s += inverseGram[i * p + k] * meat[k * p + j] }
                left[i * p + j] = s
            }
        }
        var result = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0..<p {
                var s = 0.0
                for k in 0..<p { s += left[i * p + k] * inverseGram[k * p + j] }
                result[i * p + j] = s
            }
        }
        return result
    }
}
