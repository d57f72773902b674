import Foundation
import SDGLocalize

extension SDMXExport {
    /// What was written: observations and their sum (read-back checks compare them), series left out and why.
    package struct Summary: Sendable {
        package var observations = 0
        package var valueSum = 0.0
        package var series = 0
        /// Local indicators without a `SERIES` code, not exported.
        package var unmapped: Set<String> = []
        /// Localized series whose SDMX key repeats an earlier one's (a dimension the DSD lacks), not exported.
        package var duplicateKeys = 0
        /// Observations whose series-level attributes differ from their series' first, not exported.
        package var attributeChanges = 0
    }

    /// Writes every requested format, each to its own file through `open` (which returns the file's output).
    package func write(
        _ series: [LocalizedSeries], prepared: String, open: (String) throws -> TextOutput
    ) throws -> Summary {
        var summary = Summary()
        var outputs: [(Format, TextOutput)] = []
        for format in formats {
            let name =
                switch format {
                case .sdmxCSV: "sdmx/data.csv"
                case .sdmxCSV1: "sdmx/data-sdmx-csv-1.0.csv"
                case .sdmxML: "sdmx/data.xml"
                }
            let out = try open(name)
            try header(format, out, prepared: prepared)
            outputs.append((format, out))
        }
        var seen = Set<[String]>()
        for s in series {
            guard let row = row(s) else {
                summary.unmapped.insert(s.indicator)
                continue
            }
            guard !row.observations.isEmpty else { continue }
            guard seen.insert(row.key).inserted else {
                summary.duplicateKeys += 1
                continue
            }
            summary.series += 1
            summary.observations += row.observations.count
            summary.valueSum += row.observations.reduce(0) { $0 + $1.value }
            for (format, out) in outputs { try write(row, format, out) }
        }
        for (format, out) in outputs {
            if format == .sdmxML { try out.write("</message:DataSet>\n</message:StructureSpecificData>\n") }
            try out.finish()
        }
        return summary
    }

    var csvColumns: [String] {
        keyDimensions + [timeDimension, "OBS_VALUE"] + structure.attributes
    }

    func header(_ format: Format, _ out: TextOutput, prepared: String) throws {
        switch format {
        case .sdmxCSV:
            try out.write((["STRUCTURE", "STRUCTURE_ID", "ACTION"] + csvColumns).joined(separator: ",") + "\n")
        case .sdmxCSV1:
            try out.write((["DATAFLOW"] + csvColumns).joined(separator: ",") + "\n")
        case .sdmxML:
            let dsd = structure.dataStructure ?? (agency: "UNKNOWN", id: "UNKNOWN", version: "1.0")
            let urn =
                "urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=\(dsd.agency):\(dsd.id)(\(dsd.version)):ObsLevelDim:\(timeDimension)"
            let structureID = "\(dsd.agency)_\(dsd.id)_\(dsd.version)".map { $0.isLetter || $0.isNumber ? $0 : "_" }
            let id = "SDGPIPE" + prepared.filter(\.isNumber)
            try out.write(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:ns1="\(xml(urn))" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                <message:Header><message:ID>\(id)</message:ID><message:Test>false</message:Test><message:Prepared>\(xml(prepared))</message:Prepared><message:Sender id="sdgpipe"/><message:Structure structureID="\(String(structureID))" namespace="\(xml(urn))" dimensionAtObservation="\(timeDimension)"><common:Structure><Ref agencyID="\(xml(dsd.agency))" id="\(xml(dsd.id))" version="\(xml(dsd.version))"/></common:Structure></message:Structure></message:Header>
                <message:DataSet ss:dataScope="DataStructure" xsi:type="ns1:DataSetType" ss:structureRef="\(String(structureID))" action="Information">

                """)
        }
    }

    func write(_ row: Row, _ format: Format, _ out: TextOutput) throws {
        let observationAttributes = self.observationAttributes
        switch format {
        case .sdmxCSV, .sdmxCSV1:
            let lead = format == .sdmxCSV ? "dataflow,\(csv(dataflow)),I," : "\(csv(dataflow)),"
            let key = row.key.map(csv).joined(separator: ",")
            func attributes(_ own: [(String, String)]?) -> String {
                structure.attributes.map { a in
                    csv(
                        row.seriesAttributes.first { $0.0 == a }?.1 ?? (own ?? observationAttributes).first {
                            $0.0 == a
                        }?.1
                            ?? "")
                }.joined(separator: ",")
            }
            // Per series the text around the observations once; per observation its period and value only.
            let prefix = lead + key + ","
            var suffix = "," + attributes(nil) + "\n"
            // An observation's own attributes (exported observations) are laid out when they change, not each time.
            var last: [(String, String)]?
            for o in row.observations {
                if let own = o.attributes, last.map({ !$0.elementsEqual(own, by: ==) }) ?? true {
                    suffix = "," + attributes(own) + "\n"
                    last = own
                }
                try out.write(prefix)
                try out.write(csv(o.time))
                out.write(byte: UInt8(ascii: ","))
                try out.write(Self.number(o.value))
                try out.write(suffix)
            }
        case .sdmxML:
            var line = "<Series"
            for (d, v) in zip(keyDimensions, row.key) { line += " \(d)=\"\(xml(v))\"" }
            for (a, v) in row.seriesAttributes { line += " \(a)=\"\(xml(v))\"" }
            line += ">"
            var obsAttributes = observationAttributes.map { " \($0.0)=\"\(xml($0.1))\"" }.joined()
            var last: [(String, String)]?
            for o in row.observations {
                if let own = o.attributes, last.map({ !$0.elementsEqual(own, by: ==) }) ?? true {
                    obsAttributes = own.map { " \($0.0)=\"\(xml($0.1))\"" }.joined()
                    last = own
                }
                let attributes = obsAttributes
                line += "<Obs \(timeDimension)=\"\(xml(o.time))\" OBS_VALUE=\"\(Self.number(o.value))\"\(attributes)/>"
            }
            try out.write(line + "</Series>\n")
        }
    }

    /// A value as SDMX writes it: exact, and `NaN` for a missing one.
    static func number(_ x: Double) -> String { x.isNaN ? "NaN" : SDGPublish.Format.exact(x) }

    func csv(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func xml(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += "&#\(c.asciiValue!);"
            // Other control characters cannot appear in XML 1.0 at all, not even escaped.
            case _ where c.unicodeScalars.allSatisfy({ $0.value < 0x20 }): out += "\u{FFFD}"
            default: out.append(c)
            }
        }
        return out
    }
}
