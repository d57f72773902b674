import Foundation
import SDGCore

/// A boundary file as read: its features with codes, names and polygons, and what could not be drawn.
public struct BoundaryFile: Sendable {
    public let path: String
    public var features: [GeoFeature]
    /// Features left out (no geometry, a point or a line) and other remarks, each with its line.
    public var notices: [Diagnostic]
    /// Every feature's name by its code, drawn or not: names for tables and messages.
    public var names: [String: String] = [:]
}

/// Reads a GeoJSON boundary file (RFC 7946: a FeatureCollection of Polygon and MultiPolygon features) in one pass
/// over the mapped bytes, keeping only what a map needs: the id and name properties and the positions, 16 bytes
/// each. A generic JSON parser (Foundation's) boxes every number and would need about 25 times the file's size;
/// this one needs about the positions' bytes.
public enum GeoJSONReader {
    public static func read(path: String, idProperty: String, nameProperty: String?) throws(GeoError) -> BoundaryFile {
        // An empty file is said as such (and kept from Foundation's mapped read, which leaks a page for it).
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        if size == 0 { throw .notFeatures(path: path, found: "an empty file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let result = data.withUnsafeBytes { bytes -> Result<BoundaryFile, GeoError> in
            var parser = GeoJSONParser(bytes: bytes, path: path, idProperty: idProperty, nameProperty: nameProperty)
            do throws(GeoError) {
                return .success(try parser.file())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

struct GeoJSONParser {
    let bytes: UnsafeRawBufferPointer
    let path: String
    let idProperty: String
    let nameProperty: String?
    var i = 0
    var features: [GeoFeature] = []
    var notices: [Diagnostic] = []
    var names: [String: String] = [:]
    // Lines are counted lazily, forward only, for messages.
    var countedTo = 0
    var linesBefore = 1
    /// Arrays and objects open: bounded, so that a hostile file cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 64

    init(bytes: UnsafeRawBufferPointer, path: String, idProperty: String, nameProperty: String?) {
        self.bytes = bytes
        self.path = path
        self.idProperty = idProperty
        self.nameProperty = nameProperty
    }

    mutating func line(at offset: Int) -> Int {
        if offset < countedTo {
            countedTo = 0
            linesBefore = 1
        }
        while countedTo < offset {
            if bytes[countedTo] == 0x0A { linesBefore += 1 }
            countedTo += 1
        }
        return linesBefore
    }

    mutating func fail(_ expected: String) -> GeoError {
        let line = line(at: min(i, bytes.count))
        var start = min(i, bytes.count)
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        return .malformed(path: path, line: line, column: min(i, bytes.count) - start + 1, expected: expected)
    }

    mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        if i == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        return i < bytes.count ? bytes[i] : nil
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(GeoError) {
        guard peek() == byte else { throw fail(what) }
        i += 1
    }

    mutating func file() throws(GeoError) -> BoundaryFile {
        let start = i
        var type: String?
        var sawFeatures = false
        try object { (parser, key) throws(GeoError) in
            switch key {
            case "type": type = try parser.scalarText()
            case "features":
                sawFeatures = true
                try parser.array { (parser) throws(GeoError) in try parser.feature() }
            default: try parser.skipValue()
            }
        }
        if type == "Feature", !sawFeatures {
            i = start
            try feature()
        } else if type != "FeatureCollection" {
            throw .notFeatures(path: path, found: type.map { "a \($0)" } ?? "not a GeoJSON object with a `type`")
        }
        return BoundaryFile(path: path, features: features, notices: notices, names: names)
    }

    mutating func feature() throws(GeoError) {
        _ = peek()
        let line = line(at: i)
        var id: String?
        var featureID: String?
        var name: String?
        var propertyNames: [String] = []
        var geometry: (type: String, polygons: [GeoPolygon])?
        try object { (parser, key) throws(GeoError) in
            switch key {
            case "id": featureID = try parser.scalarText()
            case "properties":
                if parser.peek() == UInt8(ascii: "n") {
                    try parser.skipValue()
                    return
                }
                try parser.object { (parser, property) throws(GeoError) in
                    propertyNames.append(property)
                    if property == parser.idProperty {
                        id = try parser.scalarText()
                    } else if property == parser.nameProperty {
                        name = try parser.scalarText()
                    } else {
                        try parser.skipValue()
                    }
                }
            case "geometry": geometry = try parser.geometry()
            default: try parser.skipValue()
            }
        }
        guard let code = id ?? (idProperty == "id" ? featureID : nil) else {
            throw .noIdentifier(path: path, line: line, property: idProperty, available: propertyNames)
        }
        if let name, names[code] == nil { names[code] = name }
        let location = SourceLocation(file: path, line: line)
        guard let geometry, !geometry.polygons.isEmpty else {
            let what = geometry.map { "a \($0.type)" } ?? "no geometry"
            notices.append(
                Diagnostic(
                    .warning, .geographyInvalid, at: location,
                    "the feature `\(code)` has \(what), not a Polygon or MultiPolygon; it is left off the maps"))
            return
        }
        features.append(GeoFeature(id: code, name: name, polygons: geometry.polygons, line: line))
    }

    mutating func geometry() throws(GeoError) -> (type: String, polygons: [GeoPolygon])? {
        if peek() == UInt8(ascii: "n") {
            try skipValue()
            return nil
        }
        var type = ""
        var tree = CoordinateTree()
        var geometries: [GeoPolygon] = []
        try object { (parser, key) throws(GeoError) in
            switch key {
            case "type": type = try parser.scalarText() ?? ""
            case "coordinates": try parser.coordinates(depth: 1, into: &tree)
            case "geometries":
                try parser.array { (parser) throws(GeoError) in
                    if let member = try parser.geometry() { geometries += member.polygons }
                }
            default: try parser.skipValue()
            }
        }
        if let bad = tree.points.first(where: { abs($0.x) > 180 || abs($0.y) > 90 }) {
            throw .notLongitudeLatitude(path: path, line: line(at: i), x: bad.x, y: bad.y)
        }
        switch type {
        case "Polygon" where tree.positionDepth == 3, "MultiPolygon" where tree.positionDepth == 4:
            return (type, tree.polygons())
        case "GeometryCollection": return (type, geometries)
        case "Polygon", "MultiPolygon":
            if tree.points.isEmpty { return (type, []) }
            throw fail("\(type) coordinates nested \(type == "Polygon" ? 3 : 4) arrays deep")
        default: return (type, [])
        }
    }

    /// Nested coordinate arrays: positions gathered flat, with where each ring and each polygon ends.
    mutating func coordinates(depth: Int, into tree: inout CoordinateTree) throws(GeoError) {
        guard depth <= 6 else { throw fail("coordinates at most four arrays deep (a MultiPolygon's)") }
        try expect(UInt8(ascii: "["), "[ (coordinates)")
        if let next = peek(), next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39) {
            let x = try number()
            try expect(UInt8(ascii: ","), ", between longitude and latitude")
            let y = try number()
            while peek() == UInt8(ascii: ",") {  // an altitude, ignored
                i += 1
                _ = try number()
            }
            try expect(UInt8(ascii: "]"), "] after a position")
            tree.points.append(GeoPoint(x, y))
            tree.positionDepth = depth
            return
        }
        var first = true
        while peek() != UInt8(ascii: "]") {
            if !first { try expect(UInt8(ascii: ","), ", or ] in coordinates") }
            first = false
            try coordinates(depth: depth + 1, into: &tree)
        }
        i += 1
        if tree.positionDepth == depth + 1 {
            tree.ringEnds.append(tree.points.count)
        } else if tree.positionDepth == depth + 2 {
            tree.polygonEnds.append(tree.ringEnds.count)
        }
    }
}

struct CoordinateTree {
    var points: [GeoPoint] = []
    var ringEnds: [Int] = []
    var polygonEnds: [Int] = []
    var positionDepth = 0

    func polygons() -> [GeoPolygon] {
        var result: [GeoPolygon] = []
        var ring = 0
        var start = 0
        for end in polygonEnds {
            var rings: [[GeoPoint]] = []
            while ring < end {
                rings.append(Array(points[start..<ringEnds[ring]]))
                start = ringEnds[ring]
                ring += 1
            }
            if !rings.isEmpty { result.append(GeoPolygon(rings: rings)) }
        }
        return result
    }
}
