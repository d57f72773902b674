import SDGSystem

/// Student's t distribution with (possibly fractional) degrees of freedom, as Welch's test needs.
package struct StudentT: Sendable {
    package let degreesOfFreedom: Double

    package init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(|T| ≥ |t|), the two-sided p-value: I_{ν/(ν+t²)}(ν/2, 1/2). Computed without `1 − cdf`, so very small
    /// p-values keep their digits instead of rounding to zero.
    package func twoSidedPValue(_ t: Double) -> Double {
        guard t.isFinite else { return t.isNaN ? .nan : 0 }
        let nu = degreesOfFreedom
        // For small t, x = ν/(ν+t²) is near 1 and loses digits; use the complement t²/(ν+t²) directly then.
        let x = nu / (nu + t * t)
        if x > 0.5 {
            return IncompleteBeta.regularized(x: t * t / (nu + t * t), a: 0.5, b: nu / 2, upper: true)
        }
        return IncompleteBeta.regularized(x: x, a: nu / 2, b: 0.5)
    }

    /// P(T ≤ t).
    package func cdf(_ t: Double) -> Double {
        let tail = twoSidedPValue(t) / 2
        return t < 0 ? tail : 1 - tail
    }

    /// P(T > t), accurate in the upper tail.
    package func survival(_ t: Double) -> Double {
        let tail = twoSidedPValue(t) / 2
        return t > 0 ? tail : 1 - tail
    }

    package func density(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        return exp(lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi) - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The t with P(T ≤ t) = p: closed forms for ν = 1 and 2, otherwise Newton's method on the tail probability
    /// from a Cornish–Fisher start (Hill 1970), kept inside a bracket so that it always converges.
    package func quantile(_ p: Double) -> Double {
        // Trend and ITS intervals ask for the 97.5% point at small whole df over and over: answer from a table.
        if p == 0.975, degreesOfFreedom == degreesOfFreedom.rounded(), degreesOfFreedom >= 1, degreesOfFreedom <= 512 {
            return Self.upper975[Int(degreesOfFreedom) - 1]
        }
        return solveQuantile(p)
    }

    private static let upper975: [Double] = (1...512).map {
        StudentT(degreesOfFreedom: Double($0)).solveQuantile(0.975)
    }

    private func solveQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : (p == 1 ? .infinity : .nan) }
        if p == 0.5 { return 0 }
        let nu = degreesOfFreedom
        // Cauchy: tan(π(p − ½)) = −cot(πp), written so that tiny p keeps its digits.
        if nu == 1 { return p < 0.5 ? -1 / tan(Double.pi * p) : 1 / tan(Double.pi * (1 - p)) }
        if nu == 2 { return (2 * p - 1) / (2 * p * (1 - p)).squareRoot() }
        // Work in the upper tail: q = P(T > x) with x > 0.
        let q = p > 0.5 ? 1 - p : p
        let z = -NormalDistribution.quantile(q)
        let z2 = z * z
        var x = z + (z2 + 1) * z / (4 * nu) + ((5 * z2 + 16) * z2 + 3) * z / (96 * nu * nu)
        // What depends on ν alone, once: the log of B(ν/2, ½), shared by the tail and the density (two thirds of
        // the work of each step went to recomputing it).
        let logBeta = lgamma(nu / 2) + lgamma(0.5) - lgamma((nu + 1) / 2)
        let logDensityFront = -logBeta - 0.5 * log(nu)
        // Halley's method (the density's derivative is f·(−(ν+1)x/(ν+x²))): cubic convergence takes the start to
        // full precision in two or three steps where Newton's took about eight.
        var low = 0.0
        var high = Double.infinity
        for _ in 0..<100 {
            let x2 = x * x
            let tail: Double
            if nu / (nu + x2) > 0.5 {
                tail =
                    IncompleteBeta.regularized(x: x2 / (nu + x2), a: 0.5, b: nu / 2, upper: true, logBeta: logBeta) / 2
            } else {
                tail = IncompleteBeta.regularized(x: nu / (nu + x2), a: nu / 2, b: 0.5, logBeta: logBeta) / 2
            }
            let g = tail - q
            if g == 0 { break }
            if g > 0 { low = x } else { high = x }
            let density = exp(logDensityFront - (nu + 1) / 2 * log1p(x2 / nu))
            let newton = g / density
            let step = newton / (1 - newton * (nu + 1) * x / (2 * (nu + x2)))
            var next = x + (step.isFinite ? step : newton)
            // A step this small leaves an error of the order of its cube: the next point is exact to rounding.
            if abs(next - x) <= 1e-11 * abs(next) {
                x = next
                break
            }
            if !(next > low && next < high) { next = high.isFinite ? (low + high) / 2 : max(2 * x, low + 1) }
            x = next
        }
        return p > 0.5 ? x : -x
    }
}
