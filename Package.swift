// swift-tools-version:6.1
import PackageDescription

// Dependencies are named by exact versions: these are the ones available offline on our build machines.
let package = Package(
    name: "sdgpipe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sdgpipe", targets: ["sdgpipe"]),
        // For the separate packages under Fuzz/ and Benchmarks/.
        .library(name: "SDGIngest", targets: ["SDGIngest"]),
    ],
    // PostgreSQL output is a trait, on by default: a `--db postgres://…` works in the build every user makes, and the
    // build the tests run is that one. It adds postgres-nio to a clean build (about a minute on 2 cores; SwiftNIO and
    // both BoringSSL copies come with the HTTP client and swift-crypto anyway). `--disable-default-traits` leaves it
    // out; such a build refuses `postgres://` with exit 2.
    traits: [
        .trait(name: "PostgreSQL", description: "Write the result tables to PostgreSQL with --db postgres://…"),
        .default(enabledTraits: ["PostgreSQL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // zlib: `.gz` sources are decompressed through it as they are read; Parquet pages are compressed with it.
        .systemLibrary(
            name: "CSystemZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The C library and the concurrency toolkit (channels, workers, locks): the one place for both.
        .target(name: "SDGSystem"),
        .target(name: "SDGCore", dependencies: ["SDGSystem"]),
        // Temporary files for what a run keeps out of memory (observations, points, series values).
        .target(name: "SDGStorage", dependencies: ["SDGSystem", "SDGCore"]),
        .target(
            name: "SDGIngest",
            dependencies: [
                "SDGSystem", "SDGCore", "CLibXML2", "CSystemZlib",
                // Excel workbooks are ZIP files.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Sources by URL: conditional requests into a cache, retries, timeouts (the HTTP client is AsyncHTTPClient).
        .target(
            name: "SDGFetch",
            dependencies: [
                "SDGCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Boundaries for maps: a GeoJSON reader, geometry checks, projection and simplification (pure, no I/O but
        // the file read).
        .target(name: "SDGGeo", dependencies: ["SDGCore"]),
        .target(name: "SDGLocalize", dependencies: ["SDGSystem", "SDGCore", "SDGStorage"]),
        .target(name: "SDGEvaluate", dependencies: ["SDGSystem", "SDGCore", "SDGLocalize"]),
        .target(
            name: "SDGPublish",
            dependencies: [
                "SDGSystem", "SDGCore", "SDGStorage", "SDGIngest", "SDGLocalize", "SDGEvaluate", "SDGGeo",
                "CSystemZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "Logging", package: "swift-log", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(traits: ["PostgreSQL"])),
            ]),
        .target(
            name: "SDGPipeline",
            dependencies: [
                "SDGSystem", "SDGCore", "SDGStorage", "SDGIngest", "SDGFetch", "SDGGeo", "SDGLocalize",
                "SDGEvaluate", "SDGPublish",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "sdgpipe",
            dependencies: [
                "SDGSystem", "SDGCore", "SDGIngest", "SDGPipeline", "SDGPublish",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "SDGTestSupport", path: "Tests/SDGTestSupport"),
        .testTarget(name: "SDGSystemTests", dependencies: ["SDGSystem"]),
        .testTarget(name: "SDGCoreTests", dependencies: ["SDGCore"]),
        .testTarget(
            name: "SDGGeoTests", dependencies: ["SDGCore", "SDGGeo", "SDGTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SDGFetchTests", dependencies: ["SDGSystem", "SDGCore", "SDGFetch", "SDGTestSupport"]),
        .testTarget(name: "SDGIngestTests", dependencies: ["SDGCore", "SDGIngest", "SDGTestSupport"]),
        .testTarget(
            name: "SDGLocalizeTests",
            dependencies: ["SDGCore", "SDGLocalize", "SDGTestSupport", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SDGEvaluateTests",
            dependencies: ["SDGCore", "SDGEvaluate", "SDGTestSupport", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SDGPublishTests",
            dependencies: [
                "SDGCore", "SDGEvaluate", "SDGGeo", "SDGPublish", "SDGTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "SDGPipelineTests",
            dependencies: [
                "SDGCore", "SDGIngest", "SDGEvaluate", "SDGPublish", "SDGPipeline", "SDGTestSupport",
                .product(name: "Yams", package: "Yams"),
            ]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["sdgpipe", "SDGTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
