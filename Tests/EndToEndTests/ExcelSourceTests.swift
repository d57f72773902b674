import Foundation
import SDGTestSupport
import Testing

/// A pipeline reading an Excel sheet from the command line: `validate` counts its records, `run` writes its rejects
/// with the sheet and row, and a bad `header_row:` is an error naming the line.
@Suite struct ExcelSourceTests {
    let dir = TemporaryDirectory("xlsx-run")

    func pipeline(source: String) -> String {
        let workbook = packageRoot.appendingPathComponent("samples/formats/city-statistics.xlsx").path
        return dir.write(
            """
            pipeline: excel
            sources:
              cbs: {path: \(workbook), \(source)}
            indicators:
              - {id: visits, label: Library visits, from: {source: cbs, where: {indicator: LIB_VISITS}}, sdg: [11.x], relation: local}
            evaluation: {max_reject_ratio: 0.5}
            outputs: {dir: out, tables: [csv], report: none}
            """, to: "excel.yaml")
    }

    @Test func aSheetRunsAndItsRejectsNameSheetAndRow() throws {
        let path = pipeline(source: "sheet: Long data, ignore: [updated]")
        let validate = try CLI.run(["validate", path], in: dir.url)
        #expect(
            validate.stdout.contains("8 records") || validate.stderr.contains("8 records"),
            "\(validate.stdout)\(validate.stderr)")
        let run = try CLI.run(["run", path], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = try String(contentsOfFile: dir.path("out/rejects.csv"), encoding: .utf8)
        #expect(rejects.contains("city-statistics.xlsx[Long data]"), "\(rejects)")
        #expect(rejects.contains("[Long data],8,5,"), "\(rejects)")
        let series = try String(contentsOfFile: dir.path("out/localized_series.csv"), encoding: .utf8)
        #expect(series.contains("0363") && series.contains("0344"), "codes keep their leading zeros")
    }

    @Test func aBadHeaderRowIsAnErrorNamingTheLine() throws {
        let path = pipeline(source: "sheet: Titled, header_row: top")
        let validate = try CLI.run(["validate", path], in: dir.url)
        #expect(validate.status != 0)
        #expect(
            validate.stderr.contains("excel.yaml:3") && validate.stderr.contains("header_row"), "\(validate.stderr)")
    }
}
