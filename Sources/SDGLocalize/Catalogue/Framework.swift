import SDGCore

/// A framework local indicators are linked to, as data: named levels (the KFLC's tier → area of focus → feature,
/// UN-Habitat's domain → objective, a city plan's priority → objective → measure) and nodes with ids, labels, a
/// parent one level up and optional links to SDG targets. The SDGs have their own catalogue (`SDGCatalogue`); every
/// other framework, built in or a city's own file, is one of these (`FrameworkFileParser` reads the files).
package struct Framework: Sendable {
    package struct Node: Sendable, Hashable {
        package let id: String
        package let label: String
        /// The level's number, 0 for the top.
        package let level: Int
        package let parent: String?
        package let sdg: [SDGCode]
        /// What the framework itself suggests measuring for the node, where it says.
        package let measurements: [String]

        package init(
            id: String, label: String, level: Int, parent: String?, sdg: [SDGCode] = [], measurements: [String] = []
        ) {
            self.id = id
            self.label = label
            self.level = level
            self.parent = parent
            self.sdg = sdg
            self.measurements = measurements
        }
    }

    /// The short name pipelines use (`kflc`, `umf`, `plan`): the key of `links:` and of a crosswalk column.
    package let id: String
    package let name: String
    /// Where the framework comes from, and that its labels are paraphrased where they are.
    package let source: String
    /// The levels' names, top first.
    package let levels: [String]
    /// In the file's order, parents before their children.
    package let nodes: [Node]
    private let index: [String: Int]

    package init(id: String, name: String, source: String, levels: [String], nodes: [Node]) {
        self.id = id
        self.name = name
        self.source = source
        self.levels = levels
        self.nodes = nodes
        index = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    package func node(_ id: String) -> Node? { index[id].map { nodes[$0] } }
    package func contains(_ id: String) -> Bool { index[id] != nil }
    package var roots: [Node] { nodes.filter { $0.parent == nil } }
    package func children(of id: String) -> [Node] { nodes.filter { $0.parent == id } }

    /// The node and every node above it, top first.
    package func path(to id: String) -> [Node] {
        var path: [Node] = []
        var current = node(id)
        while let n = current {
            path.insert(n, at: 0)
            current = n.parent.flatMap(node)
        }
        return path
    }

    /// The Key Features of Learning Cities as a framework of three levels (`LearningCityFramework`).
    package static let learningCity: Framework = {
        let kflc = LearningCityFramework.builtIn
        var nodes = kflc.tiers.map { Node(id: $0.id, label: $0.label, level: 0, parent: nil) }
        nodes += kflc.areas.map { Node(id: $0.id, label: $0.label, level: 1, parent: $0.tier) }
        nodes += kflc.features.map { Node(id: $0.id, label: $0.label, level: 2, parent: $0.area) }
        // Parents before children, in the framework's order.
        var ordered: [Node] = []
        func add(_ n: Node) {
            ordered.append(n)
            for child in nodes where child.parent == n.id { add(child) }
        }
        for root in nodes where root.parent == nil { add(root) }
        return Framework(
            id: "kflc", name: "Key Features of Learning Cities (UNESCO)",
            source:
                "UNESCO Institute for Lifelong Learning, Key Features of Learning Cities (2013, 2015); labels paraphrased",
            levels: ["Tier", "Area of focus", "Feature"], nodes: ordered)
    }()
}
