/// The report's stylesheet, inline so that `report.html` is one self-contained file that opens from disk.
enum ReportStyle {
    /// Status → (tile colour, text colour, readable label). Colour is never the only carrier: the label is printed.
    static let statuses: [String: (background: String, text: String, label: String)] = [
        "target_achieved": ("#1b5e20", "#fff", "Target achieved"),
        "substantial_progress": ("#2e7d32", "#fff", "On track"),
        "moderate_progress": ("#f9c623", "#222", "Progress, acceleration needed"),
        "limited_progress": ("#ef7d00", "#222", "Limited progress"),
        "deterioration": ("#c62828", "#fff", "Deterioration"),
        "not_assessed": ("#d5d8dc", "#222", "Not assessed"),
        "no_indicator": ("#eceff1", "#555", "No local indicator"),
        "not_available": ("#d5d8dc", "#222", "Not available"),
    ]

    static func label(_ status: String) -> String {
        statuses[status]?.label ?? status.replacingOccurrences(of: "_", with: " ")
    }

    static let css = """
        :root { color-scheme: light; --ink: #1d2330; --muted: #5b6576; --rule: #d9dee5; --accent: #1f5fa8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f7f9; }
        header, main, footer { max-width: 1080px; margin: 0 auto; padding: 0 20px; }
        header { padding-top: 28px; }
        h1 { font-size: 1.7rem; margin: 0 0 4px; }
        h2 { font-size: 1.3rem; margin: 36px 0 12px; border-bottom: 2px solid var(--rule); padding-bottom: 6px; }
        h3 { font-size: 1.08rem; margin: 24px 0 8px; }
        p.meta { color: var(--muted); margin: 0 0 8px; }
        p.front { font-size: 1.05rem; margin: 0 0 4px; }
        p.meta-note { color: var(--muted); font-size: 0.85rem; margin: 6px 0 0; }
        img.logo { float: right; max-height: 64px; max-width: 30%; margin: 0 0 8px 12px; }
        ul.glance { padding-left: 20px; } ul.glance li { margin: 6px 0; }
        nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
        a { color: var(--accent); }
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; padding: 0; list-style: none; }
        .tile { border-radius: 8px; padding: 10px 12px; min-height: 112px; display: flex; flex-direction: column; justify-content: space-between; }
        .tile .goal { font-weight: 700; font-size: 1.35rem; }
        .tile .name { font-size: 0.86rem; line-height: 1.25; }
        .tile .status { font-size: 0.8rem; font-weight: 600; }
        .card { background: #fff; border: 1px solid var(--rule); border-radius: 8px; padding: 14px 16px; margin: 12px 0; }
        .sentence { font-size: 1.02rem; margin: 0 0 8px; }
        .chart-wrap svg { width: 100%; height: auto; max-width: 720px; display: block; }
        table { border-collapse: collapse; width: 100%; background: #fff; font-size: 0.9rem; }
        caption { text-align: left; color: var(--muted); padding: 4px 0; }
        th, td { border-bottom: 1px solid var(--rule); padding: 6px 8px; text-align: left; vertical-align: top; }
        th { background: #eef1f5; font-weight: 600; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .badge { display: inline-block; border-radius: 4px; padding: 1px 6px; font-size: 0.8rem; font-weight: 600; }
        .scroll { overflow-x: auto; }
        .map-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
        .map-panel { margin: 0; }
        .map-panel figcaption { font-size: 0.9rem; color: var(--muted); margin-bottom: 4px; }
        svg.map { width: 100%; height: auto; display: block; }
        svg.map use:hover { stroke: var(--ink); stroke-width: 1.5; }
        .map-legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 0.8rem; }
        .map-legend .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; border: 1px solid #0002; }
        .maps .note { color: var(--muted); font-size: 0.85rem; }
        code { font-size: 0.85em; word-break: break-all; }
        pre { white-space: pre-wrap; }
        footer { color: var(--muted); font-size: 0.85rem; padding: 28px 20px 40px; }
        @media (max-width: 600px) {
          body { font-size: 14px; }
          .tiles { grid-template-columns: repeat(2, 1fr); }
          th, td { padding: 5px 4px; }
        }
        @media print {
          body { background: #fff; font-size: 11pt; }
          nav, .no-print { display: none; }
          .card, .tile, .map-panel { break-inside: avoid; }
          .map-panel { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .tile, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          h2 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        components(separatedBy: a).joined(separator: b)
    }
}
