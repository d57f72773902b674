/// Student's t distribution with (possibly fractional) degrees of freedom, as Welch's test needs.
public struct StudentT: Sendable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(|T| ≥ |t|), the two-sided p-value: I_{ν/(ν+t²)}(ν/2, 1/2). Computed without `1 − cdf`, so very small
    /// p-values keep their digits instead of rounding to zero.
    public func twoSidedPValue(_ t: Double) -> Double {
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
    public func cdf(_ t: Double) -> Double {
        let tail = twoSidedPValue(t) / 2
        return t < 0 ? tail : 1 - tail
    }
}
