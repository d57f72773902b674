import Foundation
import SDGGeo

/// libFuzzer entry point: any bytes, as a boundary file, must give features, notices or a typed error (`GeoError`),
/// never a crash (deep nesting included), a hang or a leak; and whatever is read must survive the checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = NSTemporaryDirectory() + "fuzz-geojson-\(getpid()).geojson"
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    if let file = try? GeoJSONReader.read(path: path, idProperty: "code", nameProperty: "name") {
        let checked = GeometryCheck.checked(file)
        for feature in checked.features {
            _ = PlanarMeasures.centroid(feature.polygons)
            for polygon in feature.polygons { for ring in polygon.rings { _ = Simplifier.simplify(ring, tolerance: 0.01) } }
        }
    }
    return 0
}
