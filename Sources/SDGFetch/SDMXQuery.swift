import Foundation

/// An SDMX REST data query (`sources.NAME.sdmx` in the pipeline): the standard URL of the 2.1 or 3.0 web service
/// specification and the `Accept` header that asks for the message format, so that a city names a dataflow and a
/// key instead of composing URLs by hand.
public struct SDMXQuery: Sendable, Hashable {
    public enum Format: String, Sendable, CaseIterable {
        case structurespecific, generic, csv
    }

    public enum APIVersion: String, Sendable, CaseIterable {
        case v2_1 = "2.1"
        case v3_0 = "3.0"
    }

    /// The service's base URL, up to where `data/` follows (`https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1`).
    public var api: String
    /// `AGENCY,ID,VERSION` (or the dataflow id alone, where the service accepts it).
    public var flow: String
    /// The series key, dimensions separated by `.`, empty positions meaning every value (`A..SE_ADT_ACTS..`).
    public var key: String?
    public var start: String?
    public var end: String?
    public var format: Format = .structurespecific
    public var version: APIVersion = .v2_1
    /// Further query parameters some services need (`format=csvdata`, `detail=dataonly`), in the order given.
    public var parameters: [(String, String)] = []

    public init(api: String, flow: String) {
        self.api = api
        self.flow = flow
    }

    public static func == (a: SDMXQuery, b: SDMXQuery) -> Bool { a.url == b.url && a.accept == b.accept }
    public func hash(into hasher: inout Hasher) { hasher.combine(url) }

    /// What is wrong with the query, if anything, in the words of the pipeline file.
    public var problem: String? {
        guard let base = URLComponents(string: api), let scheme = base.scheme?.lowercased(),
            ["http", "https"].contains(scheme), base.host?.isEmpty == false
        else {
            return
                "`api` should be the service's http(s) base URL, such as https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1"
        }
        let parts = flow.split(separator: ",", omittingEmptySubsequences: false)
        if flow.isEmpty || parts.count > 3 || parts.contains(where: \.isEmpty) {
            return "`flow` should be AGENCY,ID,VERSION (for example ESTAT,URB_CEDU,1.0) or the dataflow id alone"
        }
        if version == .v3_0 {
            if parts.count == 1 { return "an SDMX 3.0 query needs `flow` as AGENCY,ID,VERSION" }
            if format == .generic {
                return "SDMX 3.0 has no generic data message; use `format: structurespecific` or `csv`"
            }
        }
        return nil
    }

    /// The data query URL of the chosen specification.
    public var url: String {
        let base = api.hasSuffix("/") ? String(api.dropLast()) : api
        var path: String
        var query: [(String, String)] = []
        switch version {
        case .v2_1:
            path = "\(base)/data/\(flow)"
            if let key, !key.isEmpty { path += "/\(key)" }
            if let start { query.append(("startPeriod", start)) }
            if let end { query.append(("endPeriod", end)) }
        case .v3_0:
            let parts = flow.split(separator: ",").map(String.init)
            let flowVersion = parts.count > 2 ? parts[2] : "~"
            path = "\(base)/data/dataflow/\(parts[0])/\(parts.count > 1 ? parts[1] : "*")/\(flowVersion)/"
            path += (key?.isEmpty ?? true) ? "*" : key!
            let bounds = [start.map { "ge:\($0)" }, end.map { "le:\($0)" }].compactMap { $0 }
            if !bounds.isEmpty { query.append(("c[TIME_PERIOD]", bounds.joined(separator: "+"))) }
        }
        query += parameters
        guard !query.isEmpty else { return path }
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+[]"))
        let encode = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s }
        return path + "?" + query.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// The media type of the message asked for (SDMX REST: the `Accept` header chooses the format).
    public var accept: String {
        switch (version, format) {
        case (.v2_1, .structurespecific): "application/vnd.sdmx.structurespecificdata+xml;version=2.1"
        case (.v2_1, .generic): "application/vnd.sdmx.genericdata+xml;version=2.1"
        case (.v2_1, .csv): "application/vnd.sdmx.data+csv;version=1.0.0"
        case (.v3_0, .csv): "application/vnd.sdmx.data+csv;version=2.0.0"
        case (.v3_0, _): "application/vnd.sdmx.structurespecificdata+xml;version=3.0.0"
        }
    }

    public var fileExtension: String { format == .csv ? "csv" : "xml" }
}
