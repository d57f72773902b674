/// A trend chart of one localized series as standalone SVG: the observed values over real time (gaps left open), the
/// before and after means of each action, the OLS and Sen trend lines, a marker at each action's start, the target
/// line, comparison areas in a muted colour, axis ticks with the unit, a title and a `<desc>` for screen readers.
///
/// Our own small writer: no SVG chart package exists for Swift on Linux (ENGINEERING.md), and the chart has no
/// JavaScript, so it renders in any browser, in print and inside the self-contained report.
package struct TrendChart: Sendable {
    package struct Line: Sendable {
        package let label: String
        package let points: [(time: Double, value: Double?)]
        package init(label: String, points: [(time: Double, value: Double?)]) {
            self.label = label
            self.points = points
        }
    }

    package struct ActionMarker: Sendable {
        package let label: String
        package let start: Double
        package let meanBefore: Double?
        package let meanAfter: Double?
        package let windowStart: Double
        package let windowEnd: Double
        package init(
            label: String, start: Double, meanBefore: Double?, meanAfter: Double?, windowStart: Double,
            windowEnd: Double
        ) {
            self.label = label
            self.start = start
            self.meanBefore = meanBefore
            self.meanAfter = meanAfter
            self.windowStart = windowStart
            self.windowEnd = windowEnd
        }
    }

    package struct TrendLine: Sendable {
        package let slope: Double
        package let intercept: Double
        package init(slope: Double, intercept: Double) {
            self.slope = slope
            self.intercept = intercept
        }
    }

    package var title: String
    package var unit: String?
    package var series: Line
    package var comparisons: [Line] = []
    package var target: (value: Double, year: Double)?
    package var actions: [ActionMarker] = []
    package var ols: TrendLine?
    package var sen: TrendLine?
    /// Periods left out of the estimates (`exclude:`), drawn as hatched bands: their values are shown, not used.
    package var excluded: [(start: Double, end: Double)] = []
    /// What the chart shows, in words, for screen readers.
    package var summary: String

    /// The legend's, the target's and the axis' words and numbers, in the report's language.
    package var text: ReportText

    package init(title: String, unit: String?, series: Line, summary: String, text: ReportText = .en) {
        self.text = text
        self.title = title
        self.unit = unit
        self.series = series
        self.summary = summary
    }

    /// Words into lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return lines.isEmpty && line.isEmpty ? [""] : lines + (line.isEmpty ? [] : [line])
    }

    static let palette = (
        series: "#1f5fa8", comparison: "#a3a9b0", ols: "#1f5fa8", sen: "#7b3fa0", action: "#c25400",
        target: "#1d7f3a", axis: "#444", grid: "#e3e6ea", text: "#222", excluded: "#c9ced4"
    )

    /// The SVG document, `width` × `height` user units, scaling to its container (viewBox).
    package func svg(width: Double = 640, height: Double = 360, id: String = "chart") -> String {
        let left = 58.0
        // Room on the right for the end labels (about 5.5 units a character at 10 px), within reason.
        let labelled = comparisons.count > Self.maxComparisonLines ? [series] : [series] + comparisons
        let longest = labelled.map(\.label.count).max() ?? 0
        let right = min(170, max(72, 12 + 5.5 * Double(longest)))
        let bottom = 42.0
        // A long title wraps onto more lines (about 8 units a character at 15 px) rather than running off the chart.
        let titleLines = Self.wrap(title, width: Int((width - left - 8) / 8))
        let titleExtra = 18 * Double(titleLines.count - 1)
        let (legendSVG, legendRows) = legend(x: left, y: 38 + titleExtra, width: width - left - 8)
        let top = 42.0 + 14 * Double(legendRows) + titleExtra
        let plotW = width - left - right
        let plotH = height - top - bottom
        let allLines = [series] + comparisons
        var times = allLines.flatMap { $0.points.map(\.time) } + actions.map(\.start)
        if let target { times.append(target.year) }
        var values = allLines.flatMap { $0.points.compactMap(\.value) }
        values += actions.flatMap { [$0.meanBefore, $0.meanAfter].compactMap { $0 } }
        if let target { values.append(target.value) }
        guard let t0 = times.min(), let t1 = times.max(), let v0 = values.min(), let v1 = values.max() else {
            return emptyChart(width: width, height: height, id: id)
        }
        let yTicks = Self.niceTicks(v0, v1)
        let yMin = min(v0, yTicks.first!)
        let yMax = max(v1, yTicks.last!)
        let xSpan = max(t1 - t0, 1)
        let ySpan = max(yMax - yMin, 1e-9)
        func x(_ t: Double) -> Double { left + (t - t0) / xSpan * plotW }
        func y(_ v: Double) -> Double { top + plotH - (v - yMin) / ySpan * plotH }
        func f(_ d: Double) -> String { Self.coordinate(d) }

        let totalHeight = height + smallMultiplesHeight
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(f(width)) \(f(totalHeight))" width="\(f(width))" height="\(f(totalHeight))" role="img" aria-labelledby="\(id)-title \(id)-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12">
            <title id="\(id)-title">\(Self.escape(title))</title>
            <desc id="\(id)-desc">\(Self.escape(summary))</desc>
            <rect width="100%" height="100%" fill="#fff"/>
            <text x="\(f(left))" y="20" font-size="15" font-weight="600" fill="\(Self.palette.text)">\(titleLines.enumerated().map { "<tspan x=\"\(f(left))\" dy=\"\($0.offset == 0 ? 0 : 18)\">\(Self.escape($0.element))</tspan>" }.joined())</text>

            """
        out += legendSVG
        // Excluded periods, hatched behind everything else (within the plotted span).
        if !excluded.isEmpty {
            out +=
                "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(Self.palette.excluded)\" stroke-width=\"2\"/></pattern></defs>\n"
            for span in excluded where span.end > t0 && span.start < t1 + 1 {
                let a = x(max(span.start, t0))
                let b = min(x(span.end), left + plotW)
                out +=
                    "<rect class=\"excluded\" x=\"\(f(a))\" y=\"\(f(top))\" width=\"\(f(max(b - a, 1)))\" height=\"\(f(plotH))\" fill=\"url(#\(id)-hatch)\"/>\n"
            }
        }
        // Grid and y axis
        for tick in yTicks {
            out +=
                "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"\(Self.palette.grid)\"/>"
            out +=
                "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\" fill=\"\(Self.palette.axis)\">\(text.localize(Self.label(tick, step: yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1)))</text>\n"
        }
        for year in Self.yearTicks(t0, t1) {
            out +=
                "<line x1=\"\(f(x(year)))\" x2=\"\(f(x(year)))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH + 4))\" stroke=\"\(Self.palette.axis)\"/>"
            out +=
                "<text x=\"\(f(x(year)))\" y=\"\(f(top + plotH + 17))\" text-anchor=\"middle\" fill=\"\(Self.palette.axis)\">\(Int(year))</text>\n"
        }
        out +=
            "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"\(Self.palette.axis)\"/>\n"
        if let unit {
            out +=
                "<text transform=\"translate(14 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" fill=\"\(Self.palette.axis)\">\(Self.escape(unit))</text>\n"
        }
        // Target line
        if let target {
            out +=
                "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(y(target.value)))\" y2=\"\(f(y(target.value)))\" stroke=\"\(Self.palette.target)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            out +=
                "<text x=\"\(f(left + plotW))\" y=\"\(f(y(target.value) - 5))\" text-anchor=\"end\" fill=\"\(Self.palette.target)\">\(Self.escape(text("chart.target_line", "\(Int(target.year))", text.localize(Self.label(target.value, step: 0.01)))))</text>\n"
        }
        // Comparison areas, muted: each its own line up to `maxComparisonLines`, beyond that (a network's dozens of
        // twins) their range as a band and their median as a line, which stays readable at any number of areas.
        var endLabels: [(y: Double, x: Double, text: String, own: Bool)] = []
        if comparisons.count > Self.maxComparisonLines {
            out += band(x: x, y: y)
        } else {
            for line in comparisons {
                out += polylines(line, x: x, y: y, colour: Self.palette.comparison, width: 1.5, dots: false)
                if let last = line.points.last(where: { $0.value != nil }) {
                    endLabels.append((y(last.value!) + 4, x(last.time) + 4, line.label, false))
                }
            }
        }
        if let last = series.points.last(where: { $0.value != nil }) {
            endLabels.append((y(last.value!) + 4, x(last.time) + 6, series.label, true))
        }
        // End labels pushed apart so that none overlaps another (11 units, about a line of 10 px text).
        endLabels.sort { $0.y < $1.y }
        for i in endLabels.indices.dropFirst() where endLabels[i].y < endLabels[i - 1].y + 11 {
            endLabels[i].y = endLabels[i - 1].y + 11
        }
        for label in endLabels {
            out +=
                "<text class=\"end-label\" x=\"\(f(label.x))\" y=\"\(f(label.y))\" fill=\"\(label.own ? Self.palette.series : Self.palette.comparison)\" font-size=\"10\"\(label.own ? " font-weight=\"700\"" : "")>\(Self.escape(label.text))</text>\n"
        }
        // Trend lines over the observed span of the series
        let observed = series.points.filter { $0.value != nil }.map(\.time)
        if let a = observed.min(), let b = observed.max() {
            for (line, colour, dash) in [(ols, Self.palette.ols, "5 3"), (sen, Self.palette.sen, "2 3")] {
                guard let line else { continue }
                out +=
                    "<line x1=\"\(f(x(a)))\" y1=\"\(f(y(line.intercept + line.slope * a)))\" x2=\"\(f(x(b)))\" y2=\"\(f(y(line.intercept + line.slope * b)))\" stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-dasharray=\"\(dash)\" opacity=\"0.8\"/>\n"
            }
        }
        // Actions: start marker and the before and after means
        for (i, action) in actions.enumerated() {
            let ax = x(action.start)
            out +=
                "<line x1=\"\(f(ax))\" x2=\"\(f(ax))\" y1=\"\(f(top))\" y2=\"\(f(top + plotH))\" stroke=\"\(Self.palette.action)\" stroke-width=\"1.5\"/>"
            out +=
                "<text x=\"\(f(ax + 4))\" y=\"\(f(top + 12 + Double(i) * 13))\" fill=\"\(Self.palette.action)\" font-size=\"11\">\(Self.escape(action.label))</text>\n"
            if let m = action.meanBefore {
                out +=
                    "<line x1=\"\(f(x(action.windowStart)))\" x2=\"\(f(ax))\" y1=\"\(f(y(m)))\" y2=\"\(f(y(m)))\" stroke=\"\(Self.palette.action)\" stroke-width=\"2.5\" opacity=\"0.55\"/>"
            }
            if let m = action.meanAfter {
                out +=
                    "<line x1=\"\(f(ax))\" x2=\"\(f(x(min(action.windowEnd, t1))))\" y1=\"\(f(y(m)))\" y2=\"\(f(y(m)))\" stroke=\"\(Self.palette.action)\" stroke-width=\"2.5\" opacity=\"0.55\"/>\n"
            }
        }
        out += polylines(series, x: x, y: y, colour: Self.palette.series, width: 2.2, dots: true)
        out += smallMultiples(
            top: height, left: left, width: width, time: (t0, t1), value: (yMin, yMax))
        return out + "</svg>\n"
    }

    /// Up to this many comparison areas are drawn one line each; more are drawn as a band and a median in the main
    /// plot, and each as a small multiple below it.
    static let maxComparisonLines = 8

    /// The comparison areas' range at each time (where two or more have a value) as a shaded band, and their median
    /// as a dashed line.
    func band(x: (Double) -> Double, y: (Double) -> Double) -> String {
        var byTime: [Double: [Double]] = [:]
        for line in comparisons {
            for p in line.points { if let v = p.value { byTime[p.time, default: []].append(v) } }
        }
        let times = byTime.keys.filter { byTime[$0]!.count >= 2 }.sorted()
        guard !times.isEmpty else { return "" }
        func f(_ d: Double) -> String { Self.coordinate(d) }
        let upper = times.map { "\(f(x($0))),\(f(y(byTime[$0]!.max()!)))" }
        let lower = times.reversed().map { "\(f(x($0))),\(f(y(byTime[$0]!.min()!)))" }
        let median = times.map { t -> String in
            let v = byTime[t]!.sorted()
            let m = v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
            return "\(f(x(t))),\(f(y(m)))"
        }
        return
            "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(Self.palette.comparison)\" opacity=\"0.3\"/>\n"
            + "<polyline fill=\"none\" stroke=\"\(Self.palette.comparison)\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\" points=\"\(median.joined(separator: " "))\"/>\n"
    }

    /// The legend, wrapped onto as many rows as the width needs; returns the SVG and the number of rows.
    func legend(x: Double, y: Double, width: Double) -> (String, Int) {
        var items: [(String, String, String)] = [(series.label, Self.palette.series, "")]
        if comparisons.count > Self.maxComparisonLines {
            items.append((text("legend.band", "\(comparisons.count)"), Self.palette.comparison, "3 2"))
        } else if !comparisons.isEmpty {
            items.append((text("legend.comparison"), Self.palette.comparison, ""))
        }
        if ols != nil { items.append((text("legend.ols"), Self.palette.ols, "5 3")) }
        if sen != nil { items.append((text("legend.sen"), Self.palette.sen, "2 3")) }
        if !actions.isEmpty { items.append((text("legend.action"), Self.palette.action, "")) }
        if target != nil { items.append((text("legend.target"), Self.palette.target, "6 4")) }
        if !excluded.isEmpty { items.append((text("legend.excluded"), Self.palette.excluded, "")) }
        var out = ""
        var cursor = x
        var row = 0
        for (label, colour, dash) in items {
            let itemWidth = 34 + Double(label.count) * 5.9
            if cursor + itemWidth > x + width, cursor > x {
                row += 1
                cursor = x
            }
            let baseline = y + 14 * Double(row)
            out +=
                "<line x1=\"\(Self.coordinate(cursor))\" x2=\"\(Self.coordinate(cursor + 16))\" y1=\"\(Self.coordinate(baseline - 4))\" y2=\"\(Self.coordinate(baseline - 4))\" stroke=\"\(colour)\" stroke-width=\"2\""
                + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>"
            out +=
                "<text x=\"\(Self.coordinate(cursor + 20))\" y=\"\(Self.coordinate(baseline))\" fill=\"\(Self.palette.text)\" font-size=\"10.5\">\(Self.escape(label))</text>"
            cursor += itemWidth
        }
        return (out + "\n", row + 1)
    }

    /// One polyline per run of consecutive values; a missing value or a gap of more than 1.5 typical steps breaks it.
    func polylines(
        _ line: Line, x: (Double) -> Double, y: (Double) -> Double, colour: String, width: Double, dots: Bool
    ) -> String {
        let sorted = line.points.sorted { $0.time < $1.time }
        let steps = zip(sorted.dropFirst(), sorted).map { $0.time - $1.time }.sorted()
        let typical = steps.isEmpty ? 1 : steps[steps.count / 2]
        var runs: [[(Double, Double)]] = [[]]
        var previous: Double?
        for p in sorted {
            guard let v = p.value else {
                runs.append([])
                previous = nil
                continue
            }
            if let previous, p.time - previous > 1.5 * typical { runs.append([]) }
            runs[runs.count - 1].append((p.time, v))
            previous = p.time
        }
        var out = ""
        for run in runs where !run.isEmpty {
            if run.count > 1 {
                out +=
                    "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(Self.coordinate(width))\" stroke-linejoin=\"round\" points=\""
                    + run.map { "\(Self.coordinate(x($0.0))),\(Self.coordinate(y($0.1)))" }.joined(separator: " ")
                    + "\"/>\n"
            }
            if dots || run.count == 1 {
                for (t, v) in run {
                    out +=
                        "<circle cx=\"\(Self.coordinate(x(t)))\" cy=\"\(Self.coordinate(y(v)))\" r=\"2.6\" fill=\"\(colour)\"/>"
                }
                out += "\n"
            }
        }
        return out
    }

    func emptyChart(width: Double, height: Double, id: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(Self.coordinate(width)) \(Self.coordinate(height))" width="\(Self.coordinate(width))" height="\(Self.coordinate(height))" role="img" aria-labelledby="\(id)-title \(id)-desc">
        <title id="\(id)-title">\(Self.escape(title))</title><desc id="\(id)-desc">\(Self.escape(text("chart.no_values_desc")))</desc>
        <rect width="100%" height="100%" fill="#fff"/><text x="20" y="30">\(Self.escape(text("chart.empty", title)))</text></svg>

        """
    }
}
