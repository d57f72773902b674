/// A code in the SDG global indicator framework: a goal (`4`), a target (`4.3`, `4.a`) or an indicator (`4.3.1`,
/// `4.a.1`). A city's own local target (`10.x`) is allowed only where the crosswalk marks the relation `local`.
package struct SDGCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    package enum Level: String, Sendable { case goal, target, indicator }

    package let goal: Int
    /// `"3"` or `"a"`; `nil` for a goal.
    package let target: String?
    package let indicator: Int?

    package var level: Level { indicator != nil ? .indicator : (target != nil ? .target : .goal) }

    /// True for a city-defined target such as `10.x` (letters after `c` are never used by the global framework).
    package var isLocal: Bool {
        guard let target, let c = target.unicodeScalars.first, target.count == 1 else { return false }
        return c.properties.isLowercase && c > "c"
    }

    /// The code of the target this indicator belongs to (itself for a target).
    package var targetCode: SDGCode? { target.map { SDGCode(goal: goal, target: $0, indicator: nil) } }

    package init(goal: Int, target: String?, indicator: Int?) {
        self.goal = goal
        self.target = target
        self.indicator = indicator
    }

    /// Reads `4`, `4.3`, `4.a`, `4.3.1`, `4.a.1` (also with `-` separators, as Open SDG file names write them).
    /// Returns `nil` for anything else: a goal outside 1...17, a target that is neither a number nor a letter.
    package init?(_ text: String) {
        let parts = text.split(separator: text.contains("-") ? "-" : ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), let goal = Int(parts[0]), (1...17).contains(goal), parts[0].first != "0"
        else { return nil }
        var target: String?
        var indicator: Int?
        if parts.count >= 2 {
            let t = parts[1]
            let isNumber =
                !t.isEmpty && t.count <= 2 && t.allSatisfy(\.isASCII) && Int(t).map { $0 >= 1 } == true
                && t.first != "0"
            let isLetter = t.count == 1 && t.unicodeScalars.first!.properties.isLowercase && t.allSatisfy(\.isASCII)
            guard isNumber || isLetter else { return nil }
            target = String(t)
        }
        if parts.count == 3 {
            guard let i = Int(parts[2]), i >= 1, i <= 20, parts[2].first != "0" else { return nil }
            indicator = i
        }
        self.init(goal: goal, target: target, indicator: indicator)
    }

    package var description: String {
        [String(goal), target, indicator.map(String.init)].compactMap { $0 }.joined(separator: ".")
    }

    package static func < (lhs: SDGCode, rhs: SDGCode) -> Bool {
        if lhs.goal != rhs.goal { return lhs.goal < rhs.goal }
        let lt = lhs.target ?? ""
        let rt = rhs.target ?? ""
        if lt != rt {
            // Numbered targets come before lettered ones (4.7 before 4.a).
            switch (Int(lt), Int(rt)) {
            case (let l?, let r?): return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return lt < rt
            }
        }
        return (lhs.indicator ?? 0) < (rhs.indicator ?? 0)
    }
}
