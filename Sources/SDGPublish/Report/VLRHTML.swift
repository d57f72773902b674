/// The parts every page of the VLR pack is made of: a self-contained page in the report's style and language (no
/// JavaScript), and its tables, with numbers right-aligned.
struct VLRHTML {
    let text: ReportText
    let front: ReportModel.FrontMatter
    private var t: ReportText { text }
    private func e(_ s: String) -> String { TrendChart.escape(s) }

    func page(_ title: String, _ body: String) -> String {
        """
        <!doctype html>
        <html lang="\(t.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>\(ReportStyle.css)</style>
        </head>
        <body>
        <header><h1>\(e(title))</h1>\(front.city.map { "<p class=\"meta\">\(e($0))\(front.period.map { " · " + e($0) } ?? "")</p>" } ?? "")</header>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    func row(_ cells: [String], numeric: Set<Int> = []) -> String {
        "<tr>"
            + cells.enumerated().map {
                "<td\(numeric.contains($0.offset) ? " class=\"num\"" : "")>\($0.element)</td>"
            }.joined() + "</tr>\n"
    }

    func table(_ heads: [String], _ rows: String, numeric: Set<Int> = []) -> String {
        "<div class=\"scroll\"><table><thead><tr>"
            + heads.enumerated().map {
                "<th scope=\"col\"\(numeric.contains($0.offset) ? " class=\"num\"" : "")>\(e($0.element))</th>"
            }.joined() + "</tr></thead><tbody>\n" + rows + "</tbody></table></div>\n"
    }
}
