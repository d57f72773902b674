extension TrendChart {
    /// Panels per row of the small multiples, and each panel's height in user units (title line included).
    static let multiplesPerRow = 4
    static let multipleHeight = 78.0

    /// The extra height the small multiples add below the main plot: none up to `maxComparisonLines` comparison
    /// areas (each is a labelled line of the main plot), otherwise a heading and one row per `multiplesPerRow` areas.
    var smallMultiplesHeight: Double {
        guard comparisons.count > Self.maxComparisonLines else { return 0 }
        let rows = (comparisons.count + Self.multiplesPerRow - 1) / Self.multiplesPerRow
        return 30 + Self.multipleHeight * Double(rows)
    }

    /// Beyond `maxComparisonLines` comparison areas the main plot shows only their range and median; every area
    /// still gets its own small panel here, on the main plot's time and value scales so that panels compare at a
    /// glance, with the treated series faint behind it and the actions' starts marked. The panel's title is the
    /// area's name (shortened to fit; the whole name on hover).
    func smallMultiples(
        top: Double, left: Double, width: Double, time: (Double, Double), value: (Double, Double)
    ) -> String {
        guard comparisons.count > Self.maxComparisonLines else { return "" }
        func f(_ d: Double) -> String { Self.coordinate(d) }
        let gap = 10.0
        let panelW = (width - left - 8 - gap * Double(Self.multiplesPerRow - 1)) / Double(Self.multiplesPerRow)
        let plotH = Self.multipleHeight - 30
        let xSpan = max(time.1 - time.0, 1)
        let ySpan = max(value.1 - value.0, 1e-9)
        var out =
            "<text x=\"\(f(left))\" y=\"\(f(top + 16))\" font-size=\"12\" font-weight=\"600\" fill=\"\(Self.palette.text)\">\(Self.escape(text("chart.multiples", "\(comparisons.count)", series.label)))</text>\n"
        let maxCharacters = max(4, Int(panelW / 6.2))
        for (k, line) in comparisons.enumerated() {
            let px = left + Double(k % Self.multiplesPerRow) * (panelW + gap)
            let py = top + 30 + Double(k / Self.multiplesPerRow) * Self.multipleHeight
            let plotTop = py + 14
            func x(_ t: Double) -> Double { px + (t - time.0) / xSpan * panelW }
            func y(_ v: Double) -> Double { plotTop + plotH - (v - value.0) / ySpan * plotH }
            let name =
                line.label.count > maxCharacters ? String(line.label.prefix(maxCharacters - 1)) + "…" : line.label
            out += "<g class=\"multiple\"><title>\(Self.escape(line.label))</title>"
            out +=
                "<rect x=\"\(f(px))\" y=\"\(f(plotTop))\" width=\"\(f(panelW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"\(Self.palette.grid)\"/>"
            out +=
                "<text x=\"\(f(px))\" y=\"\(f(py + 10))\" font-size=\"10\" fill=\"\(Self.palette.text)\">\(Self.escape(name))</text>\n"
            for action in actions where action.start >= time.0 && action.start <= time.1 {
                out +=
                    "<line x1=\"\(f(x(action.start)))\" x2=\"\(f(x(action.start)))\" y1=\"\(f(plotTop))\" y2=\"\(f(plotTop + plotH))\" stroke=\"\(Self.palette.action)\" stroke-width=\"1\" opacity=\"0.6\"/>"
            }
            out +=
                "<g opacity=\"0.35\">"
                + polylines(series, x: x, y: y, colour: Self.palette.series, width: 1, dots: false) + "</g>"
            out += polylines(line, x: x, y: y, colour: Self.palette.axis, width: 1.3, dots: false)
            out += "</g>\n"
        }
        return out
    }
}
