import SDGIngest

extension FeedInspection {
    /// The JSON document: the control totals as top-level keys, then what was detected.
    package func json() -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("file", .string(file)), ("format", .string(format)),
            ("observations", .integer(observations)), ("values", .integer(values)), ("value_sum", .number(valueSum)),
            ("rejects", .integer(rejects.count)), ("series", .integer(series)),
            ("reject_reasons", .array(rejects.prefix(10).map { .string("\($0.location): \($0.reason)") })),
            ("notices", .array(notices.map { .string($0.description) })),
            ("suspicious_values", .array(suspicious.map { .string($0) })),
        ]
        if let selection {
            fields.append(("where", .array(selection.conditions.map { .string($0) })))
            fields.append(("observations_in_file", .integer(selection.ofAll)))
        }
        if let layout {
            fields.append(("layout", .string(layout.layout)))
            fields.append(("encoding", .string(layout.encoding)))
            fields.append(("delimiter", .string(layout.delimiter)))
            fields.append(("columns", .array(layout.columns.map { .string($0) })))
            fields.append(
                (
                    "roles",
                    .object(
                        layout.roles.sorted { $0.key.rawValue < $1.key.rawValue }.map {
                            ($0.key.rawValue, .string($0.value))
                        })
                ))
        }
        if let message {
            fields.append(
                (
                    "message",
                    .object([
                        ("type", .string(message.messageType)),
                        ("structure", message.structureID.map { .string($0) } ?? .null),
                        ("dimension_at_observation", .string(message.dimensionAtObservation)),
                        ("data_sets", .integer(message.dataSets)),
                    ])
                ))
        }
        fields += [
            ("observation_status", .array(statuses.map { .string($0) })),
            (
                "periods",
                .object([
                    ("first", firstPeriod.map { .string($0) } ?? .null),
                    ("last", lastPeriod.map { .string($0) } ?? .null),
                    ("frequencies", .array(frequencies.map { .string($0) })),
                ])
            ),
            ("units", .array(units.map { .string($0) })), ("areas", .array(areas.map { .string($0) })),
            ("indicators", .array(indicators.map { .string($0) })),
            ("dimensions", .array(dimensions.map { .string($0) })),
            (
                "sample",
                .array(
                    sample.map { o in
                        .object([
                            ("indicator", .string(o.key.indicator)), ("area", .string(o.key.area)),
                            ("disaggregation", .string(o.key.disaggregation)), ("period", .string(o.period.label)),
                            ("value", o.value.map { .number($0) } ?? .null),
                            ("unit", o.attributes.unit.map { .string($0) } ?? .null),
                        ])
                    })
            ),
        ]
        return .object(fields)
    }
}
