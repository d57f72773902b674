import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGGeo

/// Checks, measures (against shapely's on the districts sample), simplification and the size of a national map.
@Suite struct GeometryTests {
    func feature(_ rings: [[GeoPoint]], id: String = "A") -> GeoFeature {
        GeoFeature(id: id, name: nil, polygons: [GeoPolygon(rings: rings)], line: 1)
    }

    func ring(_ xy: [(Double, Double)]) -> [GeoPoint] { xy.map { GeoPoint($0.0, $0.1) } }

    @Test func findsOpenRingsSelfIntersectionsAndTooFewPositions() {
        let open = feature([ring([(0, 0), (1, 0), (1, 1), (0, 1)])])
        #expect(GeometryCheck.problem(open)?.contains("exterior ring not closed") == true)
        let bowTie = feature([ring([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])])
        #expect(GeometryCheck.problem(bowTie)?.contains("crossing itself near [0.5, 0.5]") == true)
        let line = feature([ring([(0, 0), (1, 0), (0, 0)])])
        #expect(GeometryCheck.problem(line)?.contains("3 positions") == true)
        let fine = feature([ring([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])])
        #expect(GeometryCheck.problem(fine) == nil)
        #expect(GeometryCheck.windsAsRFC7946(fine))
        #expect(
            !GeometryCheck.windsAsRFC7946(feature([Array(ring([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]).reversed())])))
    }

    @Test func checkedLeavesOutWhatCannotBeDrawnAndNotesTheWinding() {
        let clockwise = Array(ring([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]).reversed())
        let file = BoundaryFile(
            path: "b.geojson",
            features: [feature([clockwise], id: "CW"), feature([ring([(0, 0), (1, 0), (1, 1), (0, 1)])], id: "OPEN")],
            notices: [])
        let checked = GeometryCheck.checked(file)
        #expect(checked.features.map(\.id) == ["CW"])
        #expect(checked.notices.map(\.code) == [.geographyWinding, .geographyInvalid])
    }

    @Test func aManyVertexRingCrossingItselfIsFound() {
        // A 2,000-position circle whose last stretch cuts back across it.
        var points = (0..<2000).map { k -> GeoPoint in
            let a = Double(k) / 2000 * 2 * Double.pi
            return GeoPoint(cos(a), sin(a))
        }
        points[1990] = GeoPoint(-1.5, 0.2)
        points.append(points[0])
        #expect(GeometryCheck.selfIntersection(points) != nil)
        points[1990] = GeoPoint(cos(1990.0 / 2000 * 2 * .pi), sin(1990.0 / 2000 * 2 * .pi))
        #expect(GeometryCheck.selfIntersection(points) == nil)
    }

    struct Reference: Decodable {
        struct Feature: Decodable {
            let code: String
            let area: Double
            let centroid: [Double]
        }
        let features: [Feature]
    }

    func districts() throws -> (BoundaryFile, Reference) {
        let file = try GeoJSONReader.read(
            path: packageRoot.appendingPathComponent("samples/districts/riverton-districts.geojson").path,
            idProperty: "code", nameProperty: "name")
        let url = try #require(Bundle.module.url(forResource: "Fixtures/districts-measures", withExtension: "json"))
        return (file, try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url)))
    }

    /// Area and centroid are closed-form: equal to shapely's to 1e-9 relative, holes and islands included.
    @Test func areasAndCentroidsMatchShapely() throws {
        let (file, reference) = try districts()
        #expect(file.features.count == reference.features.count)
        for (f, r) in zip(file.features, reference.features) {
            #expect(f.id == r.code)
            let area = PlanarMeasures.area(f.polygons)
            #expect(abs(area - r.area) <= 1e-9 * r.area, "\(f.id): \(area) vs \(r.area)")
            let c = try #require(PlanarMeasures.centroid(f.polygons))
            #expect(abs(c.x - r.centroid[0]) <= 1e-9 * abs(r.centroid[0]))
            #expect(abs(c.y - r.centroid[1]) <= 1e-9 * abs(r.centroid[1]))
        }
    }

    /// Simplified as the GeoJSON output simplifies (1/5000 of the extent), every district keeps its area within
    /// 1% and its centroid within 1/1000 of the extent of shapely's on the original.
    @Test func simplificationKeepsAreasAndCentroidsWithinTolerance() throws {
        let (file, reference) = try districts()
        let box = GeoBox.of(file.features)
        let extent = max(box.width, box.height)
        var before = 0
        var after = 0
        for (f, r) in zip(file.features, reference.features) {
            let simplified = f.polygons.map {
                GeoPolygon(rings: $0.rings.map { Simplifier.simplify($0, tolerance: extent / 5000) })
            }
            before += f.pointCount
            after += simplified.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } }
            #expect(abs(PlanarMeasures.area(simplified) - r.area) <= 0.01 * r.area)
            let c = try #require(PlanarMeasures.centroid(simplified))
            #expect(abs(c.x - r.centroid[0]) <= extent / 1000 && abs(c.y - r.centroid[1]) <= extent / 1000)
        }
        #expect(after < before)
    }

    @Test func aSimplifiedRingStaysAClosedRingOfFourOrMore() {
        let wiggle = (0...400).map { k -> GeoPoint in
            let t = Double(k) / 400
            return GeoPoint(t, 0.001 * sin(t * 50))
        }
        let ring = wiggle + [GeoPoint(1, 1), GeoPoint(0, 1), wiggle[0]]
        let s = Simplifier.simplify(ring, tolerance: 0.01)
        #expect(s.count >= 4 && s.count < 20)
        #expect(s.first == s.last)
        let tiny = Simplifier.simplify(ring, tolerance: 100)
        #expect(tiny.count == 4 && tiny.first == tiny.last)
    }
}
