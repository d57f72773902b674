import Foundation
import SDGGeo

/// The features as SVG paths, once per report: projected (Web Mercator fitted to the frame), simplified to
/// `tolerance` map units (Douglas–Peucker, default 0.5 of a 640-unit-wide frame) and rounded to a tenth, so that a
/// map's geometry costs about its visible detail (a 300-municipality country: a few hundred kilobytes) and each
/// map panel then only refers to it (`<use>`), a few dozen bytes an area.
package struct MapGeometry: Sendable {
    package let width: Double
    package let height: Double
    /// Per feature, its SVG path data (every polygon and hole as a subpath; drawn with the even-odd rule).
    package let paths: [String]

    package init(_ features: [GeoFeature], width: Double = 640, maxHeight: Double = 560, tolerance: Double = 0.5) {
        let projection = MapProjection(fitting: GeoBox.of(features), width: width, maxHeight: maxHeight)
        self.width = width
        height = projection.height
        paths = features.map { feature in
            var d = ""
            for polygon in feature.polygons {
                for ring in polygon.rings {
                    let projected = Simplifier.simplify(ring.map(projection.project), tolerance: tolerance)
                    for (k, p) in projected.dropLast().enumerated() {
                        d += (k == 0 ? "M" : "L") + Self.number(p.x) + "," + Self.number(p.y)
                    }
                    d += "Z"
                }
            }
            return d
        }
    }

    static func number(_ x: Double) -> String {
        let tenths = (x * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
