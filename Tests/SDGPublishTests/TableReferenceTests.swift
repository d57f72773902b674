import SDGPublish
import SDGTestSupport
import Testing

/// The tables are declared once; their documentation and the database schema come from the declarations.
@Suite struct TableReferenceTests {
    @Test func theTableReferenceIsMadeFromTheDeclarations() {
        let mismatch = goldenMismatch(TableDefinition.reference(), at: "docs/tables.md")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func theSchemaFollowsTheDeclarations() {
        #expect(
            TableSchema.databaseTables == [
                "observations", "localized_series", "impact", "trends", "progress", "coverage", "accountability",
                "learning_city_profile", "framework_profile", "editions",
            ])
        for table in TableDefinition.all where table.inDatabase {
            #expect(table.key.first == "pipeline" && table.key.allSatisfy(table.columnNames.contains), "\(table.name)")
            let ddl = TableSchema.createStatement(table: table.name, columns: table.columnNames)
            #expect(ddl.contains("PRIMARY KEY (" + table.key.map { "\"\($0)\"" }.joined(separator: ", ") + ")"))
        }
        #expect(
            TableSchema.createStatement(table: "observations", columns: ["pipeline", "line", "value"])
                == #"CREATE TABLE IF NOT EXISTS "observations" ("pipeline" TEXT NOT NULL, "line" INTEGER, "value" REAL, PRIMARY KEY ("pipeline", "source", "indicator", "area", "disaggregation", "period")) WITHOUT ROWID"#
        )
    }

    /// Citus distributes a table by one column and needs it in every unique key: each table with an `area` has it in
    /// its primary key, so the DDL works unchanged with `area` as the distribution column; the others are the small
    /// summaries a network's shards share (reference tables there). docs/database.md says how.
    @Test func everyTableWithAnAreaCanBeDistributedByIt() {
        let byArea = TableDefinition.all.filter { $0.inDatabase && $0.columnNames.contains("area") }
        #expect(byArea.allSatisfy { $0.key.contains("area") })
        #expect(
            Set(TableDefinition.all.filter { $0.inDatabase && !$0.columnNames.contains("area") }.map(\.name))
                == ["coverage", "learning_city_profile", "framework_profile"])
        #expect(byArea.count == 7)
    }
}
