// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Vetdesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vetdesk", targets: ["vetdesk"]),
        .library(name: "VetdeskCore", targets: ["VetdeskCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CLibloc", path: "Sources/CLibloc", pkgConfig: "libloc",
                       providers: [.apt(["libloc-dev"])]),
        // Zip archives: the OFSI consolidated list's ODS (docs/lists.md).
        .systemLibrary(name: "CLibzip", path: "Sources/CLibzip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .target(
            name: "VetdeskCore",
            dependencies: [
                "CLibloc", "CLibzip",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The login importer binds through the SQLite C API on its hot path.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            // Resources/providers.yaml is compiled in (scripts/embed-builtin-files.sh), not a bundle.
            exclude: ["Resources"]
        ),
        .target(
            name: "VetdeskTUI",
            dependencies: ["VetdeskCore", "CNcurses", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "vetdesk",
            dependencies: [
                "VetdeskCore", "VetdeskTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "VetdeskCoreTests", dependencies: ["VetdeskCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "VetdeskTUITests", dependencies: ["VetdeskTUI", "VetdeskCore"]),
    ]
)
