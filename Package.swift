// swift-tools-version:6.0
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
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "SDGCore"),
        .target(
            name: "SDGIngest",
            dependencies: ["SDGCore", "CLibXML2"]
        ),
        .target(name: "SDGLocalize", dependencies: ["SDGCore"]),
        .target(name: "SDGEvaluate", dependencies: ["SDGCore"]),
        .target(
            name: "SDGPublish",
            dependencies: ["SDGCore", "SDGLocalize", "SDGEvaluate", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "SDGPipeline",
            dependencies: [
                "SDGCore", "SDGIngest", "SDGLocalize", "SDGEvaluate", "SDGPublish",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "sdgpipe",
            dependencies: [
                "SDGCore", "SDGIngest", "SDGPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "SDGTestSupport", path: "Tests/SDGTestSupport"),
        .testTarget(name: "SDGCoreTests", dependencies: ["SDGCore"]),
        .testTarget(name: "SDGIngestTests", dependencies: ["SDGCore", "SDGIngest", "SDGTestSupport"]),
        .testTarget(
            name: "SDGLocalizeTests",
            dependencies: ["SDGCore", "SDGLocalize", "SDGTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "SDGEvaluateTests",
            dependencies: ["SDGCore", "SDGEvaluate", "SDGTestSupport", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "SDGPublishTests", dependencies: ["SDGCore", "SDGPublish", "SDGTestSupport"]),
        .testTarget(name: "SDGPipelineTests", dependencies: ["SDGCore", "SDGIngest", "SDGPipeline", "SDGTestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["sdgpipe", "SDGTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
