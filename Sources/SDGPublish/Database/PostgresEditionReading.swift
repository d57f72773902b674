#if PostgreSQL
import Logging
import PostgresNIO

extension PostgresStore {
    /// The previous edition's rows, read on a connection of their own before the run's transaction opens: what
    /// readers see, committed.
    package func previousEdition(pipeline: String, before edition: String) throws(PublishError) -> ReviewEdition? {
        let (configuration, settings, logger) = (self.configuration, self.settings, self.logger)
        let progress = CallProgress()
        var connection: PostgresConnection?
        defer { PostgresCall.close(connection) }
        do {
            let opened = try PostgresCall.wait(on: nil, settings: settings, progress: progress) {
                try await PostgresConnection.connect(configuration: configuration, id: 2, logger: logger)
            }
            connection = opened
            return try PostgresCall.wait(on: opened, settings: settings, progress: progress) {
                () async throws -> ReviewEdition? in
                progress.mark("reading the previous edition")
                var exists = false
                for try await row in try await opened.query(
                    "SELECT to_regclass('editions') IS NOT NULL", logger: logger)
                { exists = try row.decode(Bool.self) }
                guard exists else { return nil }
                var labels: [String] = []
                for try await row in try await opened.query(
                    "SELECT DISTINCT edition FROM editions WHERE pipeline = \(pipeline)", logger: logger)
                { labels.append(try row.decode(String.self)) }
                guard let previous = ReviewEdition.previous(of: edition, among: labels) else { return nil }
                let columns = TableDefinition.editions.columns
                let list = columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                var rows: [[String: Table.Cell]] = []
                for try await row in try await opened.query(
                    "SELECT \(unescaped: list) FROM editions WHERE pipeline = \(pipeline) AND edition = \(previous)",
                    logger: logger)
                {
                    var cells: [String: Table.Cell] = [:]
                    for (column, cell) in zip(columns, row) {
                        switch column.type {
                        case .real: cells[column.name] = .init(try cell.decode(Double?.self))
                        case .integer: cells[column.name] = .init(try cell.decode(Int?.self))
                        case .text: cells[column.name] = .init(try cell.decode(String?.self))
                        }
                    }
                    rows.append(cells)
                }
                return ReviewEdition(label: previous, rows: rows)
            }
        } catch {
            throw PostgresCall.failure(error, settings: settings, progress: progress)
        }
    }
}
#endif
