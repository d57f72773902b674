import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGGeo

/// The boundary reader on the shapes real files have, and its messages for the files it cannot use.
@Suite struct GeoJSONReaderTests {
    let dir = TemporaryDirectory()

    func read(_ json: String, id: String = "code", name: String? = "name") throws(GeoError) -> BoundaryFile {
        try GeoJSONReader.read(path: dir.write(json, to: "b.geojson"), idProperty: id, nameProperty: name)
    }

    func square(_ x: Double, _ y: Double, _ s: Double) -> String {
        "[[\(x),\(y)],[\(x + s),\(y)],[\(x + s),\(y + s)],[\(x),\(y + s)],[\(x),\(y)]]"
    }

    @Test func readsPolygonsMultiPolygonsHolesAndCodesAsWritten() throws {
        let file = try read(
            """
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
             "features": [
              {"type": "Feature", "properties": {"code": "0363", "name": "Amsterdam", "pop": [1, 2]},
               "geometry": {"type": "Polygon", "coordinates": [\(square(4.8, 52.3, 0.1)), \(square(4.82, 52.32, 0.02))]}},
              {"type": "Feature", "geometry": {"coordinates": [[\(square(5, 52, 0.1))], [\(square(5.2, 52, 0.05))]], "type": "MultiPolygon"},
               "properties": {"name": "Dijk en Waard \\u00e9\\ud83d\\ude00", "code": 1980}},
              {"type": "Feature", "properties": {"code": "X", "name": "Nowhere"}, "geometry": null},
              {"type": "Feature", "properties": {"code": "P", "name": "A point"}, "geometry": {"type": "Point", "coordinates": [5, 52, 3]}}
             ]}
            """)
        #expect(file.features.map(\.id) == ["0363", "1980"])
        #expect(file.features[0].polygons.count == 1 && file.features[0].polygons[0].rings.count == 2)
        #expect(file.features[1].polygons.count == 2)
        #expect(file.features[1].name == "Dijk en Waard é😀")
        #expect(file.features[1].line == 5)
        #expect(file.notices.count == 2)
        #expect(
            file.notices.allSatisfy { $0.code == .geographyInvalid && $0.description.contains("left off the maps") })
        #expect(file.notices[0].location?.line == 7)
    }

    @Test func aSingleFeatureAndTheFeatureIDAreRead() throws {
        let file = try read(
            """
            {"type": "Feature", "id": "NL329", "properties": null, "geometry": {"type": "Polygon", "coordinates": [\(square(4, 52, 1))]}}
            """, id: "id", name: nil)
        #expect(file.features.map(\.id) == ["NL329"])
    }

    @Test func namesTheLineAndColumnOfMalformedJSON() {
        let error = #expect(throws: GeoError.self) {
            try read(
                "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\" \"properties\": {}}]}")
        }
        #expect(
            error?.description.hasPrefix(
                "\(dir.path("b.geojson")):3:22: not valid GeoJSON: expected , or } in an object") == true,
            "\(error?.description ?? "")")
    }

    @Test func refusesProjectedCoordinatesWithTheWayToConvertThem() {
        let error = #expect(throws: GeoError.self) {
            try read(
                """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "A"},
                 "geometry": {"type": "Polygon", "coordinates": [[[121000.5, 487000.25], [121100, 487000.25], [121100, 487100], [121000.5, 487000.25]]]}}]}
                """)
        }
        #expect(error?.description.contains("not longitude and latitude") == true)
        #expect(error?.description.contains("ogr2ogr -t_srs EPSG:4326") == true)
    }

    @Test func aMissingIdPropertyNamesTheFeaturesProperties() {
        let error = #expect(throws: GeoError.self) {
            try read(
                """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"gemeentecode": "GM0363", "naam": "A"},
                 "geometry": {"type": "Polygon", "coordinates": [\(square(4, 52, 1))]}}]}
                """, id: "gemeente_code")
        }
        #expect(error?.description.contains("Did you mean 'gemeentecode'?") == true)
        #expect(error?.description.contains("Its properties: gemeentecode, naam") == true)
    }

    /// A hostile file cannot exhaust the stack: nesting is bounded, in properties and in coordinates alike.
    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        let inProperties = #expect(throws: GeoError.self) {
            try read("{\"type\": \"FeatureCollection\", \"features\": [{\"properties\": {\"x\": \(deep)")
        }
        #expect(inProperties?.description.contains("at most 64 nested objects and arrays") == true)
        let inCoordinates = #expect(throws: GeoError.self) {
            try read(
                "{\"type\": \"FeatureCollection\", \"features\": [{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": \(deep)"
            )
        }
        #expect(inCoordinates?.description.contains("four arrays deep") == true)
    }

    @Test func refusesWhatIsNotFeatures() {
        let error = #expect(throws: GeoError.self) { try read("{\"type\": \"Topology\", \"objects\": {}}") }
        #expect(error?.description.contains("this one is a Topology") == true)
        let empty = #expect(throws: GeoError.self) { try read("") }
        #expect(empty?.description.contains("this one is an empty file") == true)
    }
}
