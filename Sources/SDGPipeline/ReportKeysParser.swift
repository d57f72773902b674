import Foundation
import SDGPublish
import Yams

/// Reads the pipeline's `report:` front matter: `title`, `city`, `period` (free text such as `2010–2023`),
/// `language` (`en`, `fr`, `es`: the report's fixed strings, numbers and dates) and `logo`
/// (a PNG, JPEG, GIF or SVG file of at most 512 KiB, embedded so that the report stays one self-contained file),
/// and `max_series` (how many of the treated areas' series the report draws in full; 200 by default, see
/// `ReportScope`), and `edition` (the review's edition, such as `2025`, kept in the database so that the next
/// edition's VLR pack compares with it: `EditionChanges`).
enum ReportKeysParser {
    static let keys = ["title", "city", "period", "logo", "language", "max_series", "edition"]
    static let logoTypes = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "svg": "image/svg+xml",
    ]
    static let maxLogoBytes = 512 * 1024

    static func parse(_ node: Node?, _ yaml: YAMLReader, baseURL: URL) -> (ReportModel.FrontMatter, URL?) {
        guard let node, let fields = yaml.mapping(node, at: "report", allowed: keys) else { return (.init(), nil) }
        var front = ReportModel.FrontMatter(
            title: yaml.string(fields["title"], at: "report.title"),
            city: yaml.string(fields["city"], at: "report.city"),
            period: yaml.string(fields["period"], at: "report.period"))
        if let language = fields["language"] {
            front.language = yaml.choice(language, at: "report.language", as: ReportLanguage.self) ?? .en
        }
        if let node = fields["edition"], let edition = yaml.string(node, at: "report.edition") {
            let trimmed = edition.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.count > 64 || trimmed.contains(where: { $0.isNewline }) {
                yaml.problem(
                    node,
                    "`report.edition` names the review's edition in a few characters, such as `2025` or `2025-mid`; editions that are years compare as numbers"
                )
            } else {
                front.edition = trimmed
            }
        }
        if let node = fields["max_series"] {
            if let n = node.scalar.flatMap({ Int($0.string) }), n >= 0 {
                front.maxSeries = n
            } else {
                yaml.problem(
                    node,
                    "`report.max_series` is a whole number of series (0 or more; 200 by default): the report draws that many of the treated areas' series in full and summarises the others"
                )
            }
        }
        guard let path = yaml.string(fields["logo"], at: "report.logo") else { return (front, nil) }
        let url = URL(fileURLWithPath: path, relativeTo: baseURL).standardizedFileURL
        guard let type = logoTypes[url.pathExtension.lowercased()] else {
            yaml.problem(
                fields["logo"],
                "`report.logo` is '\(path)'; expected a .png, .jpg, .gif or .svg file (the report embeds it)")
            return (front, nil)
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            yaml.problem(
                fields["logo"], "`report.logo` file not found: \(path) (paths are relative to the pipeline file)")
            return (front, nil)
        }
        guard data.count <= maxLogoBytes else {
            yaml.problem(
                fields["logo"],
                "`report.logo` is \(data.count / 1024) KiB; the report embeds it, so keep it under \(maxLogoBytes / 1024) KiB (an SVG or a PNG of about 400 px wide)"
            )
            return (front, nil)
        }
        front.logo = "data:\(type);base64," + data.base64EncodedString()
        return (front, url)
    }
}
