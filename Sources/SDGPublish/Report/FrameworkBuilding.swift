import SDGLocalize

extension LearningCityView {
    /// A framework of three levels other than the KFLC (a city's plan, a national strategy: `frameworks:`) drawn as
    /// the KFLC's building, one screen that says where the city stands: with three top-level nodes, the first is the
    /// pediment, the second's nodes the columns and the third's the foundation, as UNESCO draws the learning city;
    /// with another number, one band per top-level node. Each box is a second-level node, coloured by the progress
    /// of the indicators linked to it or below it, its status written on it. Frameworks of other depths (the UMF's
    /// domains and objectives) keep their table only. At most 12 bands of 12 boxes: a larger framework is read in
    /// its table.
    static func frameworkBuilding(_ framework: Framework, _ rows: [FrameworkProfile.Row], _ t: ReportText) -> String {
        guard framework.levels.count == 3, !rows.isEmpty else { return "" }
        let f = TrendChart.coordinate
        let roots = rows.filter { $0.node.parent == nil }.prefix(12)
        func children(_ root: FrameworkProfile.Row) -> [FrameworkProfile.Row] {
            Array(rows.filter { $0.node.parent == root.node.id }.prefix(12))
        }
        let width = 640.0
        let title = t("profile.framework.figure", framework.name)
        let id =
            "framework-\(framework.id.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(String.init).joined())-title"
        func boxes(_ nodes: [FrameworkProfile.Row], y: Double, h: Double, gap: Double = 0) -> String {
            let w = (width - 40 - gap * Double(max(nodes.count - 1, 0))) / Double(max(nodes.count, 1))
            return nodes.enumerated().map { i, n in
                box(
                    label: n.node.label, status: n.status, x: 20 + Double(i) * (w + gap), y: y, w: w, h: h, t,
                    kind: "framework-node")
            }.joined()
        }
        let height: Double
        var body = ""
        if roots.count == 3 {
            height = 430
            body +=
                "<polygon points=\"20,60 320,8 620,60\" fill=\"#eef1f5\" stroke=\"#a3a9b0\"/><text x=\"320\" y=\"48\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\" fill=\"#222\">\(e(roots[0].node.label))</text>\n"
            body += boxes(children(roots[0]), y: 62, h: 70)
            body += boxes(children(roots[1]), y: 140, h: 190, gap: 10)
            body += boxes(children(roots[2]), y: 338, h: 64)
            body +=
                "<text x=\"20\" y=\"420\" font-size=\"10\" fill=\"#5b6576\">\(e(t("profile.legend", roots[1].node.label, roots[2].node.label)))</text>\n"
        } else {
            height = Double(roots.count) * 96 + 12
            for (i, root) in roots.enumerated() {
                let y = 8 + Double(i) * 96
                body +=
                    "<text x=\"20\" y=\"\(f(y + 14))\" font-size=\"11\" font-weight=\"600\" fill=\"#222\">\(e(root.node.label))</text>\n"
                let nodes = children(root)
                body += nodes.isEmpty ? boxes([root], y: y + 22, h: 64) : boxes(nodes, y: y + 22, h: 64)
            }
        }
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart framework-building\" data-framework=\"\(e(framework.id))\" viewBox=\"0 0 640 \(f(height))\" width=\"640\" height=\"\(f(height))\" role=\"img\" aria-labelledby=\"\(id)\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"><title id=\"\(id)\">\(e(title))</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
            + body + "</svg>\n"
    }
}
