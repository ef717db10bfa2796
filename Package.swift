// swift-tools-version:6.0
import PackageDescription

/// Settings every target shares: Swift 6 language mode plus the upcoming features the style guide asks for.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Zhengtong",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zhengtong", targets: ["zhengtong"]),
        .library(name: "ZhengtongApp", targets: ["ZhengtongApp"]),
        .library(name: "WorkflowEngine", targets: ["WorkflowEngine"]),
        .library(name: "Gongwen", targets: ["Gongwen"]),
        .library(name: "TextSearch", targets: ["TextSearch"]),
        .library(name: "OFDCheck", targets: ["OFDCheck"]),
        .library(name: "Guomi", targets: ["Guomi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV.git", from: "0.10.0"),
        // Seal signatures (ECDSA P-256 now, SM2 later); the same swift-crypto Vapor already uses.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // The OFD container is a ZIP package.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        // The SMTP client (Delivery/SMTPClient.swift) speaks to the outside mail server over NIO, upgrading with STARTTLS.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        // DER of the GB/T 38540 seal structures (SESeal, SES_Signature).
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        // OIDC single sign-on: ID tokens verified against the provider's JWKS (Auth/OIDC).
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
    ],
    targets: [
        // The system's OpenSSL 3 libcrypto, for SM2, SM3 and SM4 (swift-crypto has none of them).
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // 国密: SM2 signatures (default ID 1234567812345678), SM3, SM4 and SM2 certificates, over COpenSSL.
        .target(
            name: "Guomi",
            dependencies: ["COpenSSL"],
            swiftSettings: swiftSettings
        ),
        // GB/T 38540 electronic seals: SESeal and SES_Signature, made, read and checked.
        .target(
            name: "ElectronicSeal",
            dependencies: ["Guomi", .product(name: "SwiftASN1", package: "swift-asn1")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "WorkflowEngine",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Gongwen",
            dependencies: [
                "Guomi",
                "ElectronicSeal",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        // GB/T 33190 structure of an OFD package, read without the writer's code (the tests check every OFD we write).
        .target(
            name: "OFDCheck",
            dependencies: [
                "Guomi",
                "ElectronicSeal",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TextSearch",
            dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ZhengtongApp",
            dependencies: [
                "WorkflowEngine",
                "Gongwen",
                "Guomi",
                "ElectronicSeal",
                "TextSearch",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                // Archive packages are ZIP files.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            resources: [
                .copy("Resources/Views"),
                .copy("Resources/Public"),
                .copy("Resources/openapi.json"),
                .copy("Resources/Processes"),
            ],
            swiftSettings: swiftSettings
        ),
        // In-memory workflow-engine benchmark (benchmarks/README.md): the engine alone, no database.
        .executableTarget(
            name: "workflow-bench",
            dependencies: ["WorkflowEngine"],
            path: "Sources/WorkflowBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "zhengtong",
            dependencies: ["ZhengtongApp"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkflowEngineTests",
            dependencies: ["WorkflowEngine"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GongwenTests",
            dependencies: ["Gongwen", "OFDCheck"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuomiTests",
            dependencies: ["Guomi", "ElectronicSeal"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TextSearchTests",
            dependencies: ["TextSearch", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ZhengtongAppTests",
            dependencies: [
                "ZhengtongApp",
                "OFDCheck",
                "Guomi",
                "ElectronicSeal",
                .product(name: "VaporTesting", package: "vapor"),
                // Workbooks for the import tests are written here, as a spreadsheet program would.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            // Databases made at earlier schemas, read by the upgrade tests from the source tree.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
