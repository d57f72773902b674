import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// `.gz` sources read exactly as the plain file (the same records in the same order, with the same line numbers,
/// even where a plain file that size would be read in pieces), and a gzip stream that is cut short or damaged is an
/// error naming the file, never a shorter read.
@Suite struct CompressedInputTests {
    let dir = TemporaryDirectory("gz")

    /// `gzip -c` (gzip is part of every Debian system) of `path` into `path.gz`, or cut to `bytes`.
    func gzip(_ path: String, to name: String, keep bytes: Int? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if let bytes { data = data.prefix(bytes) }
        return dir.write(data, to: name)
    }

    func csvRecords(_ path: String, piecedFrom: Int = 16 << 20) throws -> [String] {
        var reader = LongCSVReader(path: path, options: SourceOptions(name: "city"))
        (reader.piecedFrom, reader.pieceSize) = (piecedFrom, 4096)
        var out: [String] = []
        try reader.read { record in
            switch record {
            case .observation(let o):
                out.append("\(o.key) \(o.period.label) \(o.value ?? .nan) @\(o.location.line ?? 0)")
            case .reject(let r): out.append("reject \(r.location.line ?? 0) \(r.code)")
            case .notice(let d): out.append("notice \(d.message)")
            }
        }
        return out
    }

    @Test func aCompressedCSVReadsAsThePlainFile() throws {
        let plain = packageRoot.appendingPathComponent("samples/demo/city_stats.csv").path
        let gz = try gzip(plain, to: "city_stats.csv.gz")
        let want = try csvRecords(plain)
        #expect(want.count > 200)
        #expect(try csvRecords(gz) == want)
        // Where a plain file would be cut into pieces for all cores, a gzip stream is read by one reader.
        #expect(try csvRecords(gz, piecedFrom: 0) == want)
        #expect(try csvRecords(plain, piecedFrom: 0) == want)
    }

    /// Eurostat's bulk downloads come as `.tsv.gz`.
    @Test func aCompressedEurostatTSVReadsAsThePlainFile() throws {
        let plain = dir.write(EurostatTSVTests.file, to: "estat_trng_lfse_01.tsv")
        let gz = try gzip(plain, to: "estat_trng_lfse_01.tsv.gz")
        let want = try csvRecords(plain)
        #expect(want.count == 13, "11 observations and 2 rejects")
        #expect(try csvRecords(gz) == want)
        #expect(want.first?.contains("trng_lfse_01") == true, "the dataset code without .tsv.gz")
    }

    @Test func aCompressedSDMXMessageReadsAsThePlainFile() throws {
        let plain = packageRoot.appendingPathComponent("samples/demo/sdg4_national.xml").path
        let gz = try gzip(plain, to: "national.xml.gz")
        let (want, _) = try readSDMX(path: plain)
        let (got, rejects) = try readSDMX(path: gz)
        #expect(!want.isEmpty && rejects.isEmpty)
        #expect(
            got.map { "\($0.key)|\($0.period.label)|\($0.value ?? .nan)" }
                == want.map { "\($0.key)|\($0.period.label)|\($0.value ?? .nan)" })
    }

    @Test func theFormatIsFoundInsideTheCompression() throws {
        let xml = packageRoot.appendingPathComponent("samples/demo/sdg4_national.xml").path
        let csv = packageRoot.appendingPathComponent("samples/demo/city_stats.csv").path
        func format(_ path: String) -> SourceFormat {
            SourceEntry(
                name: "s", url: URL(fileURLWithPath: path), displayPath: path, format: .auto,
                options: SourceOptions(name: "s"), line: nil
            ).resolvedFormat
        }
        #expect(format(try gzip(xml, to: "message.xml.gz")) == .sdmx)
        #expect(format(try gzip(xml, to: "download.gz")) == .sdmx, "no inner extension: the decompressed first byte")
        #expect(format(try gzip(csv, to: "download2.gz")) == .csv)
        #expect(format(try gzip(csv, to: "table.csv.gz")) == .csv)
        #expect(CSVLayoutResolver.fileStem("data/indicator_4-3-1.csv.gz") == "indicator_4-3-1")
    }

    @Test(arguments: ["csv", "xml"])
    func aStreamCutShortIsAnErrorNamingTheFile(kind: String) throws {
        let plain = packageRoot.appendingPathComponent(
            kind == "csv" ? "samples/demo/city_stats.csv" : "samples/demo/sdg4_national.xml"
        ).path
        let whole = try Data(contentsOf: URL(fileURLWithPath: try gzip(plain, to: "whole.\(kind).gz")))
        for keep in [whole.count / 2, whole.count - 4] {
            let cut = try gzip(plain, to: "cut-\(keep).\(kind).gz", keep: keep)
            #expect {
                if kind == "csv" { _ = try csvRecords(cut) } else { _ = try readSDMX(path: cut) }
            } throws: { error in
                let text = "\(error)"
                return text.contains("cut-\(keep).\(kind).gz")
                    && text.contains("the gzip stream is damaged or cut short")
                    && text.contains("gzip -t")
            }
        }
    }

    @Test func aDamagedStreamIsAnError() throws {
        let plain = packageRoot.appendingPathComponent("samples/demo/city_stats.csv").path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: try gzip(plain, to: "ok.csv.gz")))
        for i in 40..<60 { bytes[i] ^= 0xFF }
        let damaged = dir.write(bytes, to: "damaged.csv.gz")
        #expect {
            _ = try csvRecords(damaged)
        } throws: { error in "\(error)".contains("damaged.csv.gz") && "\(error)".contains("damaged or cut short") }
    }
}
