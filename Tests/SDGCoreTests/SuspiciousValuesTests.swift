import Testing

@testable import SDGCore

/// Zeros that stand for missing values and isolated spikes are named; counts near zero, trends, level shifts (an
/// action's effect) and noise are not.
struct SuspiciousValuesTests {
    @Test func aZeroAmongValuesFarFromZero() {
        let found = SuspiciousValues.find([35.1, 35.9, 0, 36.4, 37.0])
        #expect(found == [.init(kind: .zero, index: 2, typical: 36.15)])
        #expect(SuspiciousValues.find([3, 0, 2, 5]).isEmpty, "a zero count among small counts is plausible")
        #expect(SuspiciousValues.find([-4.1, -4.3, 0, -4.2]).map(\.kind) == [.zero])
        #expect(SuspiciousValues.find([2.0, -1.0, 0, 3.0]).isEmpty, "values of both signs")
        #expect(SuspiciousValues.find([35, 0, 36]).isEmpty, "too short to judge")
    }

    @Test func anIsolatedSpikeButNotATrendALevelShiftOrNoise() {
        #expect(
            SuspiciousValues.find([3.1, 3.2, 31.5, 3.4, 3.5]) == [.init(kind: .spike, index: 2, typical: 3.3)],
            "a unit slip: ten times the neighbours")
        #expect(SuspiciousValues.find([3.1, 3.2, 5.5, 5.6, 5.7]).isEmpty, "a level shift is one step")
        #expect(SuspiciousValues.find((0..<12).map { 10 + 2.5 * Double($0) }).isEmpty, "a trend")
        #expect(SuspiciousValues.find([10, 11.5, 9.8, 10.9, 10.2, 11.1, 9.9]).isEmpty, "noise")
        #expect(
            SuspiciousValues.find([10, 10.4, 6.5, 10.2, 10.6]).isEmpty, "a dip of a third is a finding, not an error")
        // A spike on a steep trend, both ways.
        let trend = (0..<10).map { 100 + 5 * Double($0) }
        var up = trend
        up[6] += 90
        #expect(SuspiciousValues.find(up).map(\.index) == [6])
        var down = trend
        down[3] = 0.3 * down[3]
        #expect(SuspiciousValues.find(down).map(\.index) == [3])
    }
}
