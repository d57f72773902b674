/// A position: longitude and latitude in degrees (WGS 84, as RFC 7946 requires), or, once projected, map units.
public struct GeoPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// A polygon: its exterior ring, then its holes; each ring closed (its last position repeats its first).
public struct GeoPolygon: Sendable {
    public var rings: [[GeoPoint]]
    public init(rings: [[GeoPoint]]) { self.rings = rings }
}

/// One feature of a boundary file: the area's code and name from its properties, and its polygons (one for a
/// Polygon, several for a MultiPolygon: a district with an island).
public struct GeoFeature: Sendable {
    /// The value of `id_property` (or the feature's own `id`), as text: `0363`, not 363.
    public let id: String
    public let name: String?
    public var polygons: [GeoPolygon]
    /// Line of the feature in the file, for messages.
    public let line: Int

    public init(id: String, name: String?, polygons: [GeoPolygon], line: Int) {
        self.id = id
        self.name = name
        self.polygons = polygons
        self.line = line
    }

    public var pointCount: Int { polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } } }
}

/// A bounding box in the coordinates of what it bounds.
public struct GeoBox: Sendable, Equatable {
    public var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity

    public init() {}

    public mutating func add(_ p: GeoPoint) {
        minX = min(minX, p.x)
        minY = min(minY, p.y)
        maxX = max(maxX, p.x)
        maxY = max(maxY, p.y)
    }

    public var isEmpty: Bool { minX > maxX }
    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    public static func of(_ features: [GeoFeature]) -> GeoBox {
        var box = GeoBox()
        for f in features { for p in f.polygons { for r in p.rings { for point in r { box.add(point) } } } }
        return box
    }
}
