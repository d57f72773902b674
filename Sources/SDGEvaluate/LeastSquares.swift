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
        // (hundreds of rows, dozens of columns) made this the largest cost of a network run's evaluation. Every sum
        // runs in the same order as before, so the results are the same to the bit.
        var a = [Double](repeating: 0, count: n * p)
        for i in 0..<n { for j in 0..<p { a[j * n + i] = design[i * p + j] } }
        var qty = y
        var diagonal = [Double](repeating: 0, count: p)
        var scale = 0.0
        for x in design { scale = max(scale, abs(x)) }
        let collinear: Bool = a.withUnsafeMutableBufferPointer { a in
            qty.withUnsafeMutableBufferPointer { qty in
                for k in 0..<p {
                    let column = k * n
                    var norm = 0.0
                    for i in k..<n { norm += a[column + i] * a[column + i] }
                    norm = norm.squareRoot()
                    if norm <= 1e-13 * max(scale, 1) * Double(n) { return true }
                    let alpha = a[column + k] > 0 ? -norm : norm
                    // v = x − alpha·e1 stored in column k below the diagonal
                    a[column + k] -= alpha
                    var vnorm2 = 0.0
                    for i in k..<n { vnorm2 += a[column + i] * a[column + i] }
                    for j in (k + 1)..<max(p, k + 1) {
                        let other = j * n
                        var dot = 0.0
                        for i in k..<n { dot += a[column + i] * a[other + i] }
                        let factor = 2 * dot / vnorm2
                        for i in k..<n { a[other + i] -= factor * a[column + i] }
                    }
                    var dot = 0.0
                    for i in k..<n { dot += a[column + i] * qty[i] }
                    let factor = 2 * dot / vnorm2
                    for i in k..<n { qty[i] -= factor * a[column + i] }
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
