import Testing

@testable import SDGEvaluate

/// Sen's slope picks order statistics by quickselect instead of sorting; it must pick what sorting picks.
@Suite struct SelectionTests {
    @Test func quickselectFindsTheSortedElementWithTiesAndExtremes() {
        var generator = SystemRandomNumberGenerator()
        for size in [1, 2, 3, 5, 190, 1000] {
            for _ in 0..<50 {
                let values = (0..<size).map { _ in Double(Int.random(in: -5...5, using: &generator)) / 4 }
                let sorted = values.sorted()
                for k in Set([0, size / 2, size - 1, Int.random(in: 0..<size, using: &generator)]) {
                    var copy = values
                    let picked = copy.withUnsafeMutableBufferPointer { $0.select(k) }
                    #expect(picked == sorted[k], "size \(size), k \(k)")
                }
            }
        }
    }

    @Test func successiveSelectionsSearchingAboveThePreviousOneAgreeWithSorting() {
        var generator = SystemRandomNumberGenerator()
        for size in [2, 3, 7, 190, 1000] {
            for _ in 0..<50 {
                let values = (0..<size).map { _ in Double(Int.random(in: -5...5, using: &generator)) / 4 }
                let sorted = values.sorted()
                let ks = Set((0..<4).map { _ in Int.random(in: 0..<size, using: &generator) }).sorted()
                var copy = values
                let picked = copy.withUnsafeMutableBufferPointer { buffer in
                    var from = 0
                    return ks.map { k in
                        defer { from = k + 1 }
                        return buffer.select(k, from: from)
                    }
                }
                #expect(picked == ks.map { sorted[$0] }, "size \(size), ks \(ks)")
            }
        }
    }

    @Test func theExactMannKendallTableMatchesItsDefinition() {
        // n = 4: 24 permutations by inversions 1, 3, 5, 6, 5, 3, 1.
        #expect(MannKendall.mahonian[4] == [1, 3, 5, 6, 5, 3, 1])
        #expect(MannKendall.mahonian[10].reduce(0, +) == 3_628_800)
        #expect(MannKendall.exactPValue(n: 11, discordant: 0) == MannKendall.exactPValue(n: 11, discordant: 55))
    }
}
