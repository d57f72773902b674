/// The maps, at the end of the progress section: the areas' paths once in a hidden `<svg>`, then per indicator its
/// panels, each an `<svg class="map">` whose areas are `<use>` references filled with their class's colour, with the
/// name and value on hover (`<title>`) and a legend in words. Self-contained: no tiles, no script, no network.
extension HTMLReport {
    static func maps(_ m: ReportModel) -> String {
        guard let maps = m.maps else { return "" }
        let t = m.text
        let g = maps.geometry
        var h = "<div id=\"maps\" class=\"maps\"><h3>\(t("maps.heading"))</h3>\n<p>\(t("maps.intro"))</p>\n"
        h += "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\" focusable=\"false\"><defs>"
        for (k, d) in g.paths.enumerated() { h += "<path id=\"geo-\(k)\" fill-rule=\"evenodd\" d=\"\(d)\"/>" }
        h += "</defs></svg>\n"
        let width = MapGeometry.number(g.width)
        let height = MapGeometry.number(g.height)
        for group in maps.groups {
            h += "<h4>\(e(group.indicator))</h4>\n<div class=\"map-row\">"
            for panel in group.panels {
                h +=
                    "<figure class=\"map-panel\"><figcaption>\(e(panel.title))</figcaption><svg class=\"map\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(e(group.indicator)): \(e(panel.title))\"><g stroke=\"#fff\" stroke-width=\"0.8\">"
                for k in g.paths.indices {
                    let fill = panel.fills[k]
                    let dashed =
                        panel.outlined.contains(k)
                        ? " stroke=\"#5b6576\" stroke-dasharray=\"3 2\" stroke-width=\"1.2\"" : ""
                    let tip = fill?.tip ?? "\(maps.names[k]): \(t("maps.no_data"))"
                    h +=
                        "<use href=\"#geo-\(k)\" fill=\"\(fill?.colour ?? MapPalette.noData)\"\(dashed)><title>\(e(tip))</title></use>"
                }
                h += "</g></svg><ul class=\"legend map-legend\">"
                for item in panel.legend {
                    let border = item.dashed ? " style=\"border:1px dashed #5b6576\"" : ""
                    h +=
                        "<li><span class=\"swatch\" style=\"background:\(item.colour)\"\(border)></span>\(e(item.label))</li>"
                }
                h += "</ul></figure>"
            }
            h += "</div>\n"
            if !group.leftOut.isEmpty {
                h += "<p class=\"note\">\(e(t("maps.left_out", group.leftOut.joined(separator: ", "))))</p>\n"
            }
        }
        if maps.notDrawn > 0 { h += "<p class=\"note\">\(e(t("maps.not_drawn", "\(maps.notDrawn)")))</p>\n" }
        return h + "</div>\n"
    }
}
