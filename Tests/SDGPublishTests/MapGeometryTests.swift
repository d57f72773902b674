import Foundation
import SDGGeo
import Testing

@testable import SDGPublish

/// The report's map geometry stays small at national scale: a 300-municipality country drawn from a detailed
/// boundary file (about 48,000 positions, neighbours sharing wiggly borders) is a few hundred kilobytes of paths.
@Suite struct MapGeometryTests {
    /// A 20 × 15 grid of municipalities over about 3° × 2°, each border 40 segments with a wiggle of its own.
    static func country() -> [GeoFeature] {
        func corner(_ i: Int, _ j: Int) -> GeoPoint { GeoPoint(4 + 0.15 * Double(i), 51 + 0.13 * Double(j)) }
        func border(_ a: (Int, Int), _ b: (Int, Int)) -> [GeoPoint] {
            let (p, q) = (corner(a.0, a.1), corner(b.0, b.1))
            let seed = Double((a.0 * 31 + a.1) * 997 + b.0 * 17 + b.1)
            return (0...40).map { k in
                let t = Double(k) / 40
                let w = 0.01 * sin(.pi * t) * sin(7 * .pi * t + seed)
                return GeoPoint(p.x + (q.x - p.x) * t - (q.y - p.y) * w, p.y + (q.y - p.y) * t + (q.x - p.x) * w)
            }
        }
        func side(_ a: (Int, Int), _ b: (Int, Int)) -> [GeoPoint] {
            a < b ? border(a, b) : Array(border(b, a).reversed())
        }
        var features: [GeoFeature] = []
        for i in 0..<20 {
            for j in 0..<15 {
                var ring: [GeoPoint] = []
                for (a, b) in [
                    ((i, j), (i + 1, j)), ((i + 1, j), (i + 1, j + 1)), ((i + 1, j + 1), (i, j + 1)),
                    ((i, j + 1), (i, j)),
                ] {
                    ring += side(a, b).dropLast()
                }
                ring.append(ring[0])
                features.append(
                    GeoFeature(id: "GM\(i * 15 + j)", name: nil, polygons: [GeoPolygon(rings: [ring])], line: 1))
            }
        }
        return features
    }

    @Test func aCountryOf300MunicipalitiesIsUnder300KilobytesOfPaths() {
        let features = Self.country()
        let positions = features.reduce(0) { $0 + $1.pointCount }
        #expect(positions > 45_000)
        let geometry = MapGeometry(features)
        let bytes = geometry.paths.reduce(0) { $0 + $1.utf8.count + 40 }  // 40: the <path id="geo-N" …/> around it
        #expect(bytes < 300_000, "\(bytes) bytes")
        #expect(geometry.paths.allSatisfy { $0.hasPrefix("M") && $0.hasSuffix("Z") })
        #expect(geometry.width == 640 && geometry.height > 100 && geometry.height <= 560)
    }
}
