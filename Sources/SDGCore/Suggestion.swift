/// "Did you mean …?" for unknown keys and codes: the candidates closest to what was typed, by edit distance.
public enum Suggestion {
    /// Up to `limit` candidates within a distance of a third of the word's length (at least 2), closest first.
    public static func nearest(to word: String, in candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let lowered = word.lowercased()
        let budget = max(2, word.count / 3)
        var scored: [(candidate: String, distance: Int)] = []
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if d <= budget { scored.append((candidate, d)) }
        }
        scored.sort { a, b in a.distance != b.distance ? a.distance < b.distance : a.candidate < b.candidate }
        return scored.prefix(limit).map { $0.candidate }
    }

    /// ` Did you mean 'a' or 'b'?`, or empty when nothing is close.
    public static func phrase(for word: String, in candidates: some Sequence<String>) -> String {
        let near = nearest(to: word, in: candidates)
        guard !near.isEmpty else { return "" }
        return " Did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// Levenshtein distance over Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
