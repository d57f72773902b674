import Foundation

/// Web Mercator (EPSG:3857's formula on the sphere), scaled and shifted so that the features fill a `width`-wide
/// frame with a margin: the projection web maps use, so a city's shape looks as people know it; at city and
/// national extents its area distortion across the map is small (a few percent across 5° of latitude).
public struct MapProjection: Sendable {
    public let width: Double
    public let height: Double
    let scale: Double
    let offsetX: Double
    let offsetY: Double

    public init(fitting box: GeoBox, width: Double, maxHeight: Double, margin: Double = 4) {
        let lo = Self.mercator(GeoPoint(box.minX, box.minY))
        let hi = Self.mercator(GeoPoint(box.maxX, box.maxY))
        let spanX = max(hi.x - lo.x, 1e-9)
        let spanY = max(hi.y - lo.y, 1e-9)
        scale = min((width - 2 * margin) / spanX, (maxHeight - 2 * margin) / spanY)
        self.width = width
        height = (spanY * scale + 2 * margin).rounded(.up)
        offsetX = margin - lo.x * scale + ((width - 2 * margin) - spanX * scale) / 2
        offsetY = margin + hi.y * scale
    }

    static func mercator(_ p: GeoPoint) -> GeoPoint {
        let lat = max(-85.05, min(85.05, p.y)) * .pi / 180
        return GeoPoint(p.x * .pi / 180, log(tan(.pi / 4 + lat / 2)))
    }

    /// Map units: x to the right, y down, as SVG draws.
    public func project(_ p: GeoPoint) -> GeoPoint {
        let m = Self.mercator(p)
        return GeoPoint(offsetX + m.x * scale, offsetY - m.y * scale)
    }
}
