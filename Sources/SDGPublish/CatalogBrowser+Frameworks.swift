import SDGCore
import SDGLocalize

/// `sdgpipe catalog --framework NAME` for frameworks as data (UN-Habitat's UMF, a city's plan): the top level, a node
/// with its children, or the nodes whose label holds a text; with a pipeline, the local indicators linked to each node
/// directly or through a node below it.
extension CatalogBrowser {
    package struct UnknownFramework: SDGFailure {
        package let name: String
        package let known: [String]
        package var category: FailureCategory { .usage }
        package var description: String {
            "'\(name)' is not a framework sdgpipe knows.\(Suggestion.phrase(for: name, in: known)) Known: \(known.joined(separator: ", ")); a city's own framework file is known with `--pipeline` naming the pipeline that lists it in `frameworks:`."
        }
    }

    func entries(of framework: Framework, _ id: String?, search: String?) throws -> [Entry] {
        func level(_ n: Framework.Node) -> String {
            n.level < framework.levels.count ? framework.levels[n.level].lowercased() : "node"
        }
        func entry(_ n: Framework.Node, depth: Int) -> Entry {
            let children = depth > 0 ? framework.children(of: n.id).map { entry($0, depth: depth - 1) } : []
            let measured = n.measurements.isEmpty ? "" : " (measured by: \(n.measurements.joined(separator: "; ")))"
            return Entry(
                code: n.id, label: n.label + measured, level: level(n), localIndicators: linked(framework, n.id),
                children: children)
        }
        if let search {
            let needle = search.lowercased()
            return framework.nodes.filter { $0.label.lowercased().contains(needle) || $0.id.lowercased() == needle }
                .map { entry($0, depth: 0) }
        }
        guard let id else { return framework.roots.map { entry($0, depth: 1) } }
        guard let node = framework.node(id) else {
            throw UnknownCode(code: id, suggestions: Suggestion.nearest(to: id, in: framework.nodes.map(\.id)))
        }
        return [entry(node, depth: 1)]
    }

    /// Local indicators linked to the node or to a node below it.
    func linked(_ framework: Framework, _ id: String) -> [String] {
        indicators.filter { record in
            (record.links[framework.id] ?? []).contains { framework.path(to: $0).contains { $0.id == id } }
        }.map(\.indicator.id)
    }
}
