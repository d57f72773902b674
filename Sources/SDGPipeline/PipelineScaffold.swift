import Foundation
import SDGCore
import SDGPublish

/// `sdgpipe init DIR`: a new city's pipeline that runs as created — a pipeline file, a crosswalk spreadsheet, a data
/// file in the long layout with example rows to replace, and a README saying what to change first.
package struct PipelineScaffold: Sendable {
    package let directory: URL
    package let city: String

    /// Why nothing was written: a file is in the way.
    package struct Exists: SDGFailure {
        package let path: String
        package var category: FailureCategory { .usage }
        package var description: String {
            "\(path) already exists; choose an empty folder for `sdgpipe init` (nothing was written)."
        }
    }

    package init(directory: URL, city: String) {
        self.directory = directory
        self.city = city
    }

    /// The city's name as an ASCII file name and pipeline id (`Göttingen` → `goettingen`, `São Paulo` →
    /// `sao-paulo`): German umlauts and ß spelled out, other accents dropped, anything else a hyphen; `city` when
    /// nothing Latin is left. The display name keeps its spelling in the files' text.
    var slug: String { Self.slug(city) }

    static func slug(_ name: String) -> String {
        let spelled: [Character: String] = [
            "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ı": "i",
        ]
        var out = ""
        for c in name.lowercased() {
            if let s = spelled[c] {
                out += s
                continue
            }
            // Canonical decomposition, then only the base letter: é → e, ç → c.
            let base = String(c).decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.isASCII }
            let ascii = String(String.UnicodeScalarView(base))
            if let a = ascii.first, ascii.count == 1, a.isLetter || a.isNumber {
                out.append(a)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "city" : trimmed
    }

    /// The files, relative to the folder, and their contents.
    package func files() -> [(path: String, contents: String)] {
        var rows = ["area,indicator,sex,period,value,unit"]
        // Example values only, to be replaced: a rise after a 2019 action in the city, a steady comparison area.
        for (i, year) in (2014...2023).enumerated() {
            let step = year >= 2019 ? 3.0 : 0.0
            rows.append(
                "\(city),ADULT_LEARN,_T,\(year),\(Format.example(30 + 0.5 * Double(i) + step + [0.3, -0.2, 0.1, -0.4, 0.2][i % 5])),percent"
            )
            rows.append(
                "Comparison City,ADULT_LEARN,_T,\(year),\(Format.example(29 + 0.5 * Double(i) + [-0.1, 0.2, -0.3, 0.1, 0.0][i % 5])),percent"
            )
        }
        let pipeline = """
            # \(city): SDG localization pipeline, created by `sdgpipe init`. Run it with
            #   sdgpipe run pipelines/\(slug).yaml
            # then replace the example data in data/city_stats.csv with your own and extend the crosswalk.
            pipeline: \(slug)

            sources:
              city_stats: {path: ../data/city_stats.csv}   # long layout: area, indicator, sex, period, value, unit

            # The crosswalk: which local indicators speak to which SDG targets. Keep it here, or in the spreadsheet
            # data/crosswalk.csv (named below) when it grows to many records.
            crosswalk: ../data/crosswalk.csv

            actions:
              - {id: example-action, title: Example action (replace), start: 2019, indicators: [adult_learning_rate]}

            evaluation:
              areas: [\(city)]
              comparison: [Comparison City]
              window: {before: 5, after: 5}
              progress: [eurostat, opensdg, sdsn, oecd]

            outputs: {dir: ../output/\(slug), tables: [csv, json, sqlite], report: html}

            """
        let crosswalk = """
            id,label,source,where,sdg,kflc,relation,direction,unit,baseline,target_value,target_year,owner,partners
            adult_learning_rate,Adult participation in learning,city_stats,indicator=ADULT_LEARN;sex=_T,4.3.1,revitalized-learning-in-families-and-communities,proxy,increase,percent,2015,40,2030,Department of Education,City Library

            """
        let readme = """
            # \(city) — SDG localization with sdgpipe

            Created by `sdgpipe init`. **The numbers in `data/city_stats.csv` are examples, not data.**

            1. `sdgpipe run pipelines/\(slug).yaml` runs as created and writes `output/\(slug)/` (tables, `report.html`).
            2. Replace `data/city_stats.csv` with your statistics office's file (`sdgpipe inspect FILE` shows how sdgpipe
               reads a new feed), or add sources to the pipeline file (SDMX-ML, Open SDG, UN SDG API exports read too).
            3. Add your local indicators to `data/crosswalk.csv`; `sdgpipe catalog --search TEXT` finds SDG targets and
               indicators, `sdgpipe catalog --framework kflc` the Key Features of Learning Cities.
            4. List your actions and their start in the pipeline file; name comparison cities for difference-in-differences.
            5. `sdgpipe validate pipelines/\(slug).yaml` lists every problem at once.

            """
        return [
            ("pipelines/\(slug).yaml", pipeline), ("data/crosswalk.csv", crosswalk),
            ("data/city_stats.csv", rows.joined(separator: "\n") + "\n"), ("README.md", readme),
        ]
    }

    /// Writes the files; throws `Exists` (and writes nothing) when any of them is already there.
    package func create() throws -> [String] {
        let fm = FileManager.default
        let files = files()
        for file in files where fm.fileExists(atPath: directory.appendingPathComponent(file.path).path) {
            throw Exists(path: directory.appendingPathComponent(file.path).path)
        }
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        return files.map(\.path)
    }
}

extension Format {
    /// One decimal, as the example data is written.
    static func example(_ x: Double) -> String {
        let rounded = (x * 10).rounded() / 10
        return "\(rounded)"
    }
}
