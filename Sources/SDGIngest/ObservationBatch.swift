import SDGCore

/// Some thousands of a file's observations in columns, as the CSV reader hands them on, with the rejects and notices
/// met among them in file order.
///
/// Why columns: an `Observation` object per row, and its hand-over (the retains of its key, attributes and file name
/// on the way in, the releases on the way out) were half of `sdgpipe inspect` on a long CSV (`perf`: swift_retain and
/// swift_release 33%). Here a row is a value, a line and three small numbers; a series key, a set of attributes and a
/// period are held once per batch, and consumers that only count and check (the inspector's control totals, the
/// duplicate check) never touch a reference count per row. `forEachRecord` gives the rows as `IngestRecord`s for
/// consumers that keep observations.
public struct ObservationBatch: Sendable {
    public let file: String
    /// The series keys of the batch's rows, in the order first met; `keyOfRow[r]` is row `r`'s.
    public internal(set) var keys: [SeriesKey] = []
    public internal(set) var keyOfRow: [Int32] = []
    public internal(set) var attributes: [ObservationAttributes] = []
    public internal(set) var attributesOfRow: [Int32] = []
    /// The batch's distinct periods (in the order first met); `periodOfRow[r]` is row `r`'s.
    public internal(set) var periods: [Period] = []
    public internal(set) var periodOfRow: [Int32] = []
    /// Each row's value; NaN stands for a missing one (a value read is always finite).
    public internal(set) var values: [Double] = []
    public internal(set) var lines: [Int] = []
    /// For XML inputs, the element names rows were read from; `elementOfRow[r]` is row `r`'s (empty for CSV).
    public internal(set) var elements: [String?] = []
    public internal(set) var elementOfRow: [Int32] = []
    /// Keys outside the run's area scope (`--only-areas`): their rows are read and counted but not handed on by
    /// `forEachObservationRow`. Empty when every key is in scope.
    public private(set) var outOfScope: [Bool] = []
    /// Rows left out by a selection's attribute conditions (`--where unit=PT`); empty when none is.
    public private(set) var rowOutOfScope: [Bool] = []
    /// Rejects and notices that are not rows, each placed before row `before` (`count` for after the last row).
    public internal(set) var events: [(before: Int, record: IngestRecord)] = []
    /// Rows rejected after reading (duplicates, unknown codes), in ascending row order: they are no longer observations.
    public private(set) var rowRejects: [(row: Int, reject: Reject)] = []
    /// Bytes of the file read when the batch was handed on, for progress displays.
    public internal(set) var bytesRead = 0

    public init(file: String) { self.file = file }

    /// Rows, rejected ones included.
    public var count: Int { values.count }

    public func value(_ row: Int) -> Double? {
        let v = values[row]
        return v.isNaN ? nil : v
    }

    public func key(_ row: Int) -> SeriesKey { keys[Int(keyOfRow[row])] }
    public func period(_ row: Int) -> Period { periods[Int(periodOfRow[row])] }
    public func location(_ row: Int) -> SourceLocation {
        SourceLocation(
            file: file, line: lines[row], element: elementOfRow.isEmpty ? nil : elements[Int(elementOfRow[row])])
    }

    public func observation(_ row: Int) -> Observation {
        Observation(
            key: key(row), period: period(row), value: value(row), attributes: attributes[Int(attributesOfRow[row])],
            location: location(row))
    }

    mutating func reserve(_ rows: Int) {
        keyOfRow.reserveCapacity(rows)
        attributesOfRow.reserveCapacity(rows)
        periodOfRow.reserveCapacity(rows)
        values.reserveCapacity(rows)
        lines.reserveCapacity(rows)
    }

    mutating func append(key: Int32, attributes: Int32, period: Int32, value: Double, line: Int) {
        keyOfRow.append(key)
        attributesOfRow.append(attributes)
        periodOfRow.append(period)
        values.append(value)
        lines.append(line)
    }

    /// Records the element row `count - 1` was read from (XML inputs; CSV rows have none).
    mutating func appendElement(_ element: String?) {
        if element == nil && elementOfRow.isEmpty { return }
        if elementOfRow.count < count - 1 {
            // The first row with an element after rows without one.
            elements.append(nil)
            elementOfRow += [Int32](repeating: Int32(elements.count - 1), count: count - 1 - elementOfRow.count)
        }
        if let last = elementOfRow.last, elements[Int(last)] == element {
            elementOfRow.append(last)
        } else if let known = elements.firstIndex(of: element) {
            elementOfRow.append(Int32(known))
        } else {
            elements.append(element)
            elementOfRow.append(Int32(elements.count - 1))
        }
    }

    /// Keeps the rows of keys whose area is in `areas` (the run's scope); the others stay counted as read.
    public mutating func restrict(toAreas areas: Set<String>) {
        outOfScope = keys.map { !areas.contains($0.area) }
    }

    /// Leaves out the rows `selection` does not select (`--where` of `inspect` and `evaluate`), as the area scope does.
    public mutating func restrict(to selection: Selection) {
        let conditions = keys.map { selection.attributeConditions($0) }
        outOfScope = zip(outOfScope.isEmpty ? Array(repeating: false, count: keys.count) : outOfScope, conditions).map {
            $0 || $1 == nil
        }
        guard conditions.contains(where: { !($0?.isEmpty ?? true) }) else { return }
        rowOutOfScope = (0..<count).map { row in
            guard let c = conditions[Int(keyOfRow[row])], !c.isEmpty else { return false }
            return !Selection.meets(c, attributes[Int(attributesOfRow[row])])
        }
    }

    /// Whether row `row`'s series is in the run's area scope.
    @inlinable
    public func isInScope(_ row: Int) -> Bool { outOfScope.isEmpty || !outOfScope[Int(keyOfRow[row])] }

    /// A batch read from a piece of a file numbers its lines from 1 at the piece's start: `first` is that line's
    /// number in the file.
    mutating func renumberLines(from first: Int) {
        let shift = first - 1
        guard shift != 0 else { return }
        for i in lines.indices { lines[i] += shift }
        events = events.map { event in
            func moved(_ l: SourceLocation) -> SourceLocation {
                SourceLocation(file: l.file, line: l.line.map { $0 + shift }, column: l.column, element: l.element)
            }
            switch event.record {
            case .reject(let r):
                return (
                    event.before,
                    .reject(
                        Reject(
                            source: r.source, location: moved(r.location), code: r.code, raw: r.raw, reason: r.reason))
                )
            case .notice(let d):
                return (event.before, .notice(Diagnostic(d.severity, d.code, at: d.location.map(moved), d.message)))
            case .observation: return event
            }
        }
    }

    /// Turns row `row` into a reject; rows must be rejected in ascending order.
    public mutating func reject(row: Int, _ reject: Reject) {
        precondition(rowRejects.last.map { $0.row < row } ?? true, "rows are rejected in ascending order")
        rowRejects.append((row, reject))
    }

    /// Calls `body` with each row that is still an observation (not rejected after reading) in the run's area scope,
    /// in order: the rows a sink keeps.
    @inlinable
    public func forEachObservationRow<E: Error>(_ body: (Int) throws(E) -> Void) throws(E) {
        var next = 0
        let scoped = !outOfScope.isEmpty
        for row in 0..<count {
            if next < rowRejects.count, rowRejects[next].row == row {
                next += 1
                continue
            }
            if scoped, outOfScope[Int(keyOfRow[row])] { continue }
            if !rowOutOfScope.isEmpty, rowOutOfScope[row] { continue }
            try body(row)
        }
    }

    /// The batch's rejects and notices, row rejects included, in file order.
    public func forEachRejectOrNotice(_ body: (IngestRecord) throws -> Void) rethrows {
        var event = 0
        for (row, reject) in rowRejects {
            while event < events.count, events[event].before <= row {
                try body(events[event].record)
                event += 1
            }
            try body(.reject(reject))
        }
        for e in events[event...] { try body(e.record) }
    }

    /// The batch as the records a reader hands on one by one, in file order: observations, rejects and notices.
    public func forEachRecord(_ body: (IngestRecord) throws -> Void) rethrows {
        var event = 0
        var rejected = 0
        for row in 0..<count {
            while event < events.count, events[event].before <= row {
                try body(events[event].record)
                event += 1
            }
            if rejected < rowRejects.count, rowRejects[rejected].row == row {
                try body(.reject(rowRejects[rejected].reject))
                rejected += 1
            } else {
                try body(.observation(observation(row)))
            }
        }
        for e in events[event...] { try body(e.record) }
    }
}
