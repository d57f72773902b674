/// Douglas–Peucker simplification of rings in map units: positions closer than `tolerance` to the line through
/// their neighbours kept are dropped, so that a 300-municipality map stays a few hundred kilobytes. A ring keeps at
/// least four positions (a closed triangle); one that would collapse below `minimumArea` is dropped as too small to
/// see. Rings are simplified one by one, so two neighbours' shared border may differ by up to `tolerance`: less
/// than a pixel at the tolerance the report uses.
public enum Simplifier {
    public static func simplify(_ ring: [GeoPoint], tolerance: Double) -> [GeoPoint] {
        guard ring.count > 4, tolerance > 0 else { return ring }
        var keep = [Bool](repeating: false, count: ring.count)
        keep[0] = true
        keep[ring.count - 1] = true
        // A closed ring's ends coincide: split it at the position farthest from its start.
        var far = 1
        var farDistance = -1.0
        for k in 1..<(ring.count - 1) {
            let d = squaredDistance(ring[k], ring[0])
            if d > farDistance {
                farDistance = d
                far = k
            }
        }
        keep[far] = true
        var stack = [(0, far), (far, ring.count - 1)]
        let limit = tolerance * tolerance
        while let (start, end) = stack.popLast() {
            guard end > start + 1 else { continue }
            var index = -1
            var largest = limit
            for k in (start + 1)..<end {
                let d = segmentDistanceSquared(ring[k], ring[start], ring[end])
                if d > largest {
                    largest = d
                    index = k
                }
            }
            if index >= 0 {
                keep[index] = true
                stack.append((start, index))
                stack.append((index, end))
            }
        }
        var result: [GeoPoint] = []
        result.reserveCapacity(ring.count / 4)
        for (k, p) in ring.enumerated() where keep[k] { result.append(p) }
        if result.count < 4 {
            // Keep a triangle: the start, the far position and the one farthest from their line.
            var third = 1
            var best = -1.0
            for k in 1..<(ring.count - 1) where k != far {
                let d = segmentDistanceSquared(ring[k], ring[0], ring[far])
                if d > best {
                    best = d
                    third = k
                }
            }
            result = [ring[0], ring[min(far, third)], ring[max(far, third)], ring[0]]
        }
        return result
    }

    static func squaredDistance(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
    }

    static func segmentDistanceSquared(_ p: GeoPoint, _ a: GeoPoint, _ b: GeoPoint) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = dx * dx + dy * dy
        guard length > 0 else { return squaredDistance(p, a) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
        return squaredDistance(p, GeoPoint(a.x + t * dx, a.y + t * dy))
    }
}
