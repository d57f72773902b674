import SDGSystem

/// The regularized incomplete beta function I_x(a, b), the core of the Student t and F distributions.
///
/// No package on our machines provides it (see ENGINEERING.md), so it is written here: the continued fraction of
/// DLMF 8.17.22 evaluated with the modified Lentz algorithm (Press et al., Numerical Recipes, 3rd ed., §6.4), using
/// the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster. `upper` returns 1 − I_x(a, b)
/// computed directly, so small upper tails do not cancel to zero.
enum IncompleteBeta {
    /// `logBeta`, log B(a, b), may be given by a caller that evaluates many points with the same shapes.
    static func regularized(x: Double, a: Double, b: Double, upper: Bool = false, logBeta: Double? = nil) -> Double {
        precondition(a > 0 && b > 0, "incomplete beta needs positive shape parameters")
        if x.isNaN { return .nan }
        if x <= 0 { return upper ? 1 : 0 }
        if x >= 1 { return upper ? 0 : 1 }
        let logFront = -(logBeta ?? (lgamma(a) + lgamma(b) - lgamma(a + b))) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            let lower = exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
            return upper ? 1 - lower : lower
        } else {
            let upperValue = exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
            return upper ? upperValue : 1 - upperValue
        }
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
