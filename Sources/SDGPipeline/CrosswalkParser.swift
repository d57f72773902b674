import SDGCore
import SDGIngest
import SDGLocalize
import Yams

/// Reads crosswalk records (the pipeline's `indicators:` or a separate crosswalk file) into validated records: SDG
/// codes and learning-city features checked against the built-in catalogues, references to sources checked, units,
/// conversions, aggregation, baseline and target read.
enum CrosswalkParser {
    static let keys = [
        "id", "label", "from", "sdg", "kflc", "relation", "direction", "unit", "convert", "aggregate", "per_period",
        "baseline", "target", "owner", "partners", "metadata", "map_breaks", "links",
    ]

    static func parse(
        _ node: Node?, _ yaml: YAMLReader, sources: [String], structure: SDMXStructure? = nil,
        pathPrefix: String = "indicators"
    ) -> [CrosswalkRecord] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            yaml.problem(node, "`\(pathPrefix)` should be a list of crosswalk records, each `{id, from, sdg}`")
            return []
        }
        return sequence.enumerated().compactMap { index, item in
            parseRecord(item, yaml, sources: sources, structure: structure, path: "\(pathPrefix)[\(index)]")
        }
    }

    static func parseRecord(
        _ item: Node, _ yaml: YAMLReader, sources: [String], structure: SDMXStructure?, path: String
    ) -> CrosswalkRecord? {
        guard let fields = yaml.mapping(item, at: path, allowed: keys),
            let id = yaml.requiredString(fields, "id", at: path, near: item)
        else { return nil }
        guard let from = fields["from"] else {
            yaml.problem(
                item, "indicator '\(id)' needs `from: {source: NAME, where: {...}}` to select its observations")
            return nil
        }
        guard let selection = yaml.mapping(from, at: "\(path).from", allowed: ["source", "where"]),
            let source = yaml.requiredString(selection, "source", at: "\(path).from", near: from)
        else { return nil }
        if !sources.contains(source) {
            yaml.problem(
                selection["source"],
                "indicator '\(id)' reads from unknown source '\(source)'.\(Suggestion.phrase(for: source, in: sources)) Sources: \(sources.joined(separator: ", "))."
            )
        }
        let relation =
            fields["relation"].flatMap { yaml.choice($0, at: "\(path).relation", as: CrosswalkRelation.self) } ?? .exact
        var codes = parseCodes(fields["sdg"], yaml, path: "\(path).sdg", id: id, relation: relation)
        let selectionMap = yaml.stringMap(selection["where"], at: "\(path).from.where")
        // With an official structure, an SDMX series code names its SDG indicators: fill them in, or check them.
        if let structure, let series = selectionMap["indicator"] ?? selectionMap["SERIES"],
            let official = structure.seriesIndicators[series]
        {
            if fields["sdg"] == nil {
                codes = official.compactMap(SDGCode.init)
            } else if relation == .exact, !codes.contains(where: { official.contains($0.description) }) {
                yaml.problem(
                    fields["sdg"],
                    "series \(series) measures SDG indicator \(official.joined(separator: ", ")) according to the catalogue, not \(codes.map(\.description).joined(separator: ", ")); correct `sdg:` or mark the relation `proxy`"
                )
            }
        }
        var kflc = yaml.strings(fields["kflc"], at: "\(path).kflc")
        var kflcNodes = (0..<kflc.count).map { fields["kflc"]?.sequence?[$0] ?? fields["kflc"] }
        // `links: {framework: [node, ...]}`: the KFLC's join `kflc`; the others are checked against the pipeline's
        // `frameworks:` once every record is read (`FrameworksParser.checkLinks`).
        var links: [String: [String]] = [:]
        if let linkNode = fields["links"] {
            if let mapping = linkNode.mapping {
                for (key, value) in mapping {
                    let name = key.string ?? ""
                    let ids = yaml.strings(value, at: "\(path).links.\(name)")
                    if name == "kflc" {
                        kflc += ids
                        kflcNodes += ids.indices.map { value.sequence?[$0] ?? value }
                    } else {
                        links[name, default: []] += ids
                    }
                }
            } else {
                yaml.problem(
                    linkNode, "`\(path).links` should map a framework to node ids: `links: {umf: [society.inclusive]}`")
            }
        }
        let framework = LearningCityFramework.builtIn
        for (i, feature) in kflc.enumerated() where !framework.contains(feature) {
            let at = kflcNodes[i]
            yaml.problem(
                at,
                "unknown learning-city feature '\(feature)' in `\(path).kflc`.\(Suggestion.phrase(for: feature, in: framework.allIDs)) See `sdgpipe catalog --framework kflc`."
            )
        }
        if codes.isEmpty && fields["sdg"] == nil && kflc.isEmpty && links.isEmpty {
            yaml.problem(
                item,
                "indicator '\(id)' is linked to no framework; give `sdg: [4.3.1]` (an SDG indicator or target) or `kflc: [...]`"
            )
        }
        var baselineYear: Int?
        var baselineValue: Double?
        if let baseline = fields["baseline"] {
            if baseline.mapping != nil,
                let b = yaml.mapping(baseline, at: "\(path).baseline", allowed: ["year", "value"])
            {
                baselineYear = yaml.double(b["year"], at: "\(path).baseline.year").map { Int($0) }
                baselineValue = yaml.double(b["value"], at: "\(path).baseline.value")
                if baselineYear == nil { yaml.problem(baseline, "`\(path).baseline` needs a `year`") }
            } else {
                baselineYear = yaml.double(baseline, at: "\(path).baseline").map { Int($0) }
            }
        }
        var targetValue: Double?
        var targetYear: Int?
        var targetSource: String?
        if let target = fields["target"],
            let t = yaml.mapping(target, at: "\(path).target", allowed: ["value", "year", "source"])
        {
            targetValue = yaml.double(t["value"], at: "\(path).target.value")
            targetSource = yaml.string(t["source"], at: "\(path).target.source")
            targetYear = yaml.double(t["year"], at: "\(path).target.year").map { Int($0) } ?? 2030
            if targetValue == nil { yaml.problem(target, "`\(path).target` needs a `value`") }
        }
        let direction = fields["direction"].flatMap {
            yaml.choice($0, at: "\(path).direction", as: DesiredDirection.self)
        }
        if targetValue != nil && direction == nil {
            yaml.problem(
                fields["target"],
                "indicator '\(id)' has a target but no `direction`; progress towards a target needs `direction: increase` or `decrease`"
            )
        }
        if let baselineValue, let targetValue, let direction,
            direction == .increase ? targetValue < baselineValue : targetValue > baselineValue
        {
            yaml.problem(
                fields["target"],
                "the target \(targetValue) of '\(id)' lies on the wrong side of its baseline \(baselineValue) for `direction: \(direction.rawValue)`"
            )
        }
        var record = CrosswalkRecord(
            indicator: LocalIndicator(
                id: id, source: source, selection: selectionMap,
                sdg: codes, relation: relation, direction: direction,
                unit: yaml.string(fields["unit"], at: "\(path).unit"),
                conversion: parseConversion(fields["convert"], yaml, path: "\(path).convert"),
                aggregation: parseAggregation(fields["aggregate"], yaml, path: "\(path).aggregate"),
                perPeriod: fields["per_period"].flatMap {
                    yaml.choice($0, at: "\(path).per_period", as: PeriodCombination.self)
                }),
            label: yaml.string(fields["label"], at: "\(path).label"), kflc: kflc, baselineYear: baselineYear,
            baselineValue: baselineValue,
            targetValue: targetValue, targetYear: targetYear, targetSource: targetSource,
            owner: yaml.string(fields["owner"], at: "\(path).owner"),
            partners: yaml.strings(fields["partners"], at: "\(path).partners"),
            file: yaml.file, line: item.mark?.line)
        record.metadata = parseMetadata(fields["metadata"], yaml, path: "\(path).metadata")
        record.links = links
        if let node = fields["map_breaks"] {
            let breaks = yaml.strings(node, at: "\(path).map_breaks").compactMap(Double.init)
            if breaks.isEmpty || breaks.count > 4 || zip(breaks, breaks.dropFirst()).contains(where: { $0 >= $1 })
                || breaks.count != (node.sequence?.count ?? 1)
            {
                yaml.problem(
                    node,
                    "`\(path).map_breaks` should be 1 to 4 increasing numbers, the class limits of its maps (e.g. [40, 45, 50])"
                )
            } else {
                record.mapBreaks = breaks
            }
        }
        return record
    }

    /// `metadata: {definition, source, last_updated, link}`; the link must be an `http(s)` address.
    static func parseMetadata(_ node: Node?, _ yaml: YAMLReader, path: String) -> IndicatorMetadata {
        var m = IndicatorMetadata()
        guard let node,
            let f = yaml.mapping(node, at: path, allowed: ["definition", "source", "last_updated", "link"])
        else { return m }
        m.definition = yaml.string(f["definition"], at: "\(path).definition")
        m.source = yaml.string(f["source"], at: "\(path).source")
        m.lastUpdated = yaml.string(f["last_updated"], at: "\(path).last_updated")
        if let link = yaml.string(f["link"], at: "\(path).link") {
            if link.hasPrefix("https://") || link.hasPrefix("http://") {
                m.link = link
            } else {
                yaml.problem(
                    f["link"], "`\(path).link` is '\(link)'; expected an address starting with https:// or http://")
            }
        }
        return m
    }

    static func parseCodes(_ node: Node?, _ yaml: YAMLReader, path: String, id: String, relation: CrosswalkRelation)
        -> [SDGCode]
    {
        guard let node else { return [] }
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        let catalogue = SDGCatalogue.builtIn
        return items.compactMap { item in
            guard let text = yaml.string(item, at: path) else { return nil }
            guard let code = SDGCode(text), code.level != .goal || !text.contains(".") else {
                yaml.problem(
                    item,
                    "'\(text)' in `\(path)` is not an SDG code; write a target such as 4.3 or an indicator such as 4.3.1 (goals 1 to 17)"
                )
                return nil
            }
            if code.isLocal {
                if relation != .local {
                    yaml.problem(item, "'\(text)' is a local target; mark indicator '\(id)' with `relation: local`")
                }
                return code
            }
            if !catalogue.contains(code) {
                let near = catalogue.suggestions(for: code.description)
                yaml.problem(
                    item,
                    "'\(text)' in `\(path)` is not in the SDG framework."
                        + (near.isEmpty ? "" : " Nearest: \(near.joined(separator: ", ")).")
                        + " See `sdgpipe catalog \(code.goal)`.")
                return nil
            }
            return code
        }
    }

    static func parseConversion(_ node: Node?, _ yaml: YAMLReader, path: String) -> UnitConversion? {
        guard let node, let fields = yaml.mapping(node, at: path, allowed: ["from", "to", "factor"]) else { return nil }
        if let factor = yaml.double(fields["factor"], at: "\(path).factor") {
            return UnitConversion(factor: factor, description: "× \(factor)")
        }
        let units = UnitConversion.rateUnits.keys.sorted()
        guard let from = yaml.string(fields["from"], at: "\(path).from"),
            let to = yaml.string(fields["to"], at: "\(path).to")
        else {
            yaml.problem(
                node, "`\(path)` needs `factor: N` or `from:` and `to:` rate units (\(units.joined(separator: ", ")))")
            return nil
        }
        guard let conversion = UnitConversion.between(from, to) else {
            let bad = UnitConversion.rateUnits[from] == nil ? from : to
            yaml.problem(
                node,
                "`\(path)`: '\(bad)' is not a rate unit; use one of \(units.joined(separator: ", ")), or `factor: N`.\(Suggestion.phrase(for: bad, in: units))"
            )
            return nil
        }
        return conversion
    }

    static func parseAggregation(_ node: Node?, _ yaml: YAMLReader, path: String) -> AreaAggregation? {
        guard let node, let fields = yaml.mapping(node, at: path, allowed: ["to", "method", "weights", "areas"]),
            let target = yaml.requiredString(fields, "to", at: path, near: node),
            let method = fields["method"].flatMap({
                yaml.choice($0, at: "\(path).method", as: AreaAggregation.Method.self)
            })
                ?? {
                    yaml.problem(node, "`\(path)` needs `method: sum` or `method: weighted_mean`")
                    return nil
                }()
        else { return nil }
        let weights = yaml.string(fields["weights"], at: "\(path).weights")
        if method == .weightedMean && weights == nil {
            yaml.problem(
                node,
                "`\(path)`: a weighted mean needs `weights:`, the id of the indicator that weighs each district (e.g. population)"
            )
        }
        return AreaAggregation(
            target: target, method: method, weights: weights, areas: yaml.strings(fields["areas"], at: "\(path).areas"))
    }
}
