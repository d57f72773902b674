import SDGCore

/// What can be wrong with a feature's rings, found before drawing: a ring that is not closed, has fewer than four
/// positions or crosses itself is left off the maps (drawn, it would show a wrong shape); rings wound against RFC 7946
/// are drawn right anyway (the SVG fill rule does not depend on winding) and only noted.
public enum GeometryCheck {
    /// Checks every feature, keeps those that can be drawn, and says why the others cannot.
    public static func checked(_ file: BoundaryFile) -> BoundaryFile {
        var result = file
        result.features = []
        var windingNoted = 0
        for feature in file.features {
            let location = SourceLocation(file: file.path, line: feature.line)
            if let problem = problem(feature) {
                result.notices.append(
                    Diagnostic(
                        .warning, .geographyInvalid, at: location,
                        "the feature `\(feature.id)`\(feature.name.map { " (\($0))" } ?? "") \(problem); it is left off the maps. Fix the geometry, for example with QGIS's \"Fix geometries\" or shapely's make_valid"
                    ))
                continue
            }
            if !windsAsRFC7946(feature) {
                windingNoted += 1
                if windingNoted <= 3 {
                    result.notices.append(
                        Diagnostic(
                            .notice, .geographyWinding, at: location,
                            "the feature `\(feature.id)` has its exterior ring clockwise or a hole counterclockwise (RFC 7946 asks the opposite); it is drawn right all the same"
                        ))
                }
            }
            result.features.append(feature)
        }
        return result
    }

    /// Why a feature cannot be drawn, or nil.
    public static func problem(_ feature: GeoFeature) -> String? {
        for (p, polygon) in feature.polygons.enumerated() {
            for (r, ring) in polygon.rings.enumerated() {
                let which =
                    (feature.polygons.count > 1 ? "polygon \(p + 1), " : "") + (r == 0 ? "exterior ring" : "hole \(r)")
                if ring.count < 4 { return "has \(which) with \(ring.count) positions (a ring needs at least four)" }
                if ring.first != ring.last {
                    return
                        "has \(which) not closed (its last position \(text(ring.last!)) is not its first \(text(ring.first!)))"
                }
                if let crossing = selfIntersection(ring) {
                    return "has \(which) crossing itself near \(text(crossing))"
                }
            }
        }
        return nil
    }

    static func text(_ p: GeoPoint) -> String { "[\(p.x), \(p.y)]" }

    /// RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise.
    public static func windsAsRFC7946(_ feature: GeoFeature) -> Bool {
        for polygon in feature.polygons {
            for (r, ring) in polygon.rings.enumerated() {
                let area = PlanarMeasures.signedArea(ring)
                if r == 0 ? area < 0 : area > 0 { return false }
            }
        }
        return true
    }

    /// A point where two edges of the ring that are not neighbours cross, found through a grid of cells so that
    /// only edges sharing a cell are compared: about linear in the ring's length for boundary shapes.
    public static func selfIntersection(_ ring: [GeoPoint]) -> GeoPoint? {
        let n = ring.count - 1  // edges; the ring is closed
        guard n >= 3 else { return nil }
        var box = GeoBox()
        for p in ring { box.add(p) }
        let side = max(1, Int(Double(n).squareRoot()))
        let cellW = max(box.width / Double(side), 1e-12)
        let cellH = max(box.height / Double(side), 1e-12)
        var cells: [Int: [Int]] = [:]
        func cell(_ x: Double, _ y: Double) -> (Int, Int) {
            (min(side - 1, Int((x - box.minX) / cellW)), min(side - 1, Int((y - box.minY) / cellH)))
        }
        for e in 0..<n {
            let a = ring[e]
            let b = ring[e + 1]
            let (x0, y0) = cell(min(a.x, b.x), min(a.y, b.y))
            let (x1, y1) = cell(max(a.x, b.x), max(a.y, b.y))
            for cx in x0...x1 {
                for cy in y0...y1 { cells[cx * side + cy, default: []].append(e) }
            }
        }
        for edges in cells.values where edges.count > 1 {
            for i in 0..<edges.count {
                for j in (i + 1)..<edges.count {
                    let e = edges[i]
                    let f = edges[j]
                    let gap = abs(e - f)
                    if gap <= 1 || gap == n - 1 { continue }  // neighbours share an end
                    if let crossing = crossingPoint(ring[e], ring[e + 1], ring[f], ring[f + 1]) { return crossing }
                }
            }
        }
        return nil
    }

    /// Where segments ab and cd cross properly (not merely touch at an end), or nil.
    static func crossingPoint(_ a: GeoPoint, _ b: GeoPoint, _ c: GeoPoint, _ d: GeoPoint) -> GeoPoint? {
        func cross(_ o: GeoPoint, _ p: GeoPoint, _ q: GeoPoint) -> Double {
            (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x)
        }
        let d1 = cross(c, d, a)
        let d2 = cross(c, d, b)
        let d3 = cross(a, b, c)
        let d4 = cross(a, b, d)
        guard ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) else {
            return nil
        }
        let t = d1 / (d1 - d2)
        return GeoPoint(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y))
    }
}
