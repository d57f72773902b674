/// Area and centroid in the coordinates given (degrees for a boundary file, as shapely computes them on the same
/// coordinates; map units once projected), holes subtracted. Used to check that simplification keeps shapes.
public enum PlanarMeasures {
    /// The shoelace area, positive when the ring runs counterclockwise.
    public static func signedArea(_ ring: [GeoPoint]) -> Double {
        guard ring.count > 2 else { return 0 }
        var sum = 0.0
        for k in 0..<(ring.count - 1) { sum += ring[k].x * ring[k + 1].y - ring[k + 1].x * ring[k].y }
        return sum / 2
    }

    /// The area of a feature: each polygon's exterior less its holes, whatever their winding.
    public static func area(_ polygons: [GeoPolygon]) -> Double {
        polygons.reduce(0) { total, polygon in
            total
                + polygon.rings.enumerated().reduce(0) { sum, ring in
                    sum + (ring.offset == 0 ? 1 : -1) * abs(signedArea(ring.element))
                }
        }
    }

    /// The centroid of the area (not of the positions), as shapely's `centroid` of a (Multi)Polygon.
    public static func centroid(_ polygons: [GeoPolygon]) -> GeoPoint? {
        var total = 0.0
        var cx = 0.0
        var cy = 0.0
        for polygon in polygons {
            for (r, ring) in polygon.rings.enumerated() {
                let signed = signedArea(ring)
                guard signed != 0 else { continue }
                // Exteriors add and holes subtract, whatever their winding: |A|·C = sign(A)·Σ/6 for each ring.
                let role: Double = r == 0 ? 1 : -1
                let orientation: Double = signed > 0 ? 1 : -1
                var x = 0.0
                var y = 0.0
                for k in 0..<(ring.count - 1) {
                    let a = ring[k]
                    let b = ring[k + 1]
                    let f = a.x * b.y - b.x * a.y
                    x += (a.x + b.x) * f
                    y += (a.y + b.y) * f
                }
                cx += role * orientation * x / 6
                cy += role * orientation * y / 6
                total += role * abs(signed)
            }
        }
        guard total != 0 else { return nil }
        return GeoPoint(cx / total, cy / total)
    }
}
