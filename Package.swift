// swift-tools-version:6.1
import PackageDescription

// Civitas: a multi-tenant gRPC service that evaluates a city's campaign for the
// National Civilized Model City title. The domain core is pure Swift; storage, the
// wire API and the executables sit around it (see README "Layout").

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let cliDependencies: [Target.Dependency] = [
    "CivitasCLISupport",
    "CivitasClient",
    "CivitasCore",
    "CivitasProtos",
    .product(name: "ArgumentParser", package: "swift-argument-parser"),
    .product(name: "GRPCCore", package: "grpc-swift-2"),
    .product(name: "SwiftProtobuf", package: "swift-protobuf"),
]

let package = Package(
    name: "civitas",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "civitasd", targets: ["civitasd"]),
        .executable(name: "civitas", targets: ["civitas"]),
        .executable(name: "civitas-admin", targets: ["civitas-admin"]),
        .library(name: "CivitasClient", targets: ["CivitasClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2.git", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Already in the graph through swift-certificates; named to build certificate SANs.
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        // Pure domain: identifiers, roles, access policy, organization rules, frameworks,
        // the evaluation engine. No I/O. Crypto only for the evaluation's input digest.
        .target(
            name: "CivitasCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),

        // Generated from Protocols/ by Protocols/generate; never edited by hand.
        .target(
            name: "CivitasProtos",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["README.md"]
        ),

        // The catalog database and one SQLite file per tenant (GRDB over system libsqlite3).
        .target(
            name: "CivitasStorage",
            dependencies: [
                "CivitasCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, to bind record inserts directly on the hot ingest path.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // The Dispatch-based worker pool, the durable job queue, the scheduler, the job kinds.
        .target(
            name: "Workers",
            dependencies: [
                "CivitasCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Workers",
            swiftSettings: strictSettings
        ),

        // gRPC handlers, authentication, TLS material and the server assembly.
        .target(
            name: "CivitasServer",
            dependencies: [
                "CivitasCore",
                "CivitasStorage",
                "CivitasProtos",
                "Workers",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),

        // What the two CLIs (and any script author) use to talk to civitasd.
        .target(
            name: "CivitasClient",
            dependencies: [
                "CivitasProtos",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),

        // Command-line plumbing shared by `civitas` and `civitas-admin`.
        .target(
            name: "CivitasCLISupport",
            dependencies: [
                "CivitasClient",
                "CivitasCore",
                "CivitasProtos",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "civitasd",
            dependencies: [
                "CivitasServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // ops/bench/queue: no-op jobs enqueued and completed per second, 1 vs 100 tenants.
        .executableTarget(
            name: "civitas-bench-queue",
            dependencies: ["Workers", "CivitasCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // ops/bench/evaluate and ops/bench/crosscheck: the evaluation of the city and every
        // sub-command over a stopped server's data directory, a re-evaluation after one new
        // record, and every cross-check rule over the same period.
        .executableTarget(
            name: "civitas-bench-evaluate",
            dependencies: [
                "CivitasCore", "CivitasStorage",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // ops/bench/submit: concurrent single-record unary submissions vs a bare unary call.
        .executableTarget(
            name: "civitas-bench-submit",
            dependencies: cliDependencies,
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "civitas",
            dependencies: cliDependencies,
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "civitas-admin",
            dependencies: cliDependencies,
            swiftSettings: strictSettings
        ),

        // Test support: an in-process TLS server on an ephemeral port, temporary data dirs.
        .target(
            name: "CivitasTesting",
            dependencies: [
                "CivitasServer", "CivitasClient", "CivitasCore", "CivitasProtos", "CivitasStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),

        .testTarget(name: "CivitasCoreTests", dependencies: ["CivitasCore", "CivitasTesting"], swiftSettings: strictSettings),
        .testTarget(
            name: "CivitasCLISupportTests",
            dependencies: [
                "CivitasCLISupport", "CivitasCore", "CivitasProtos",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CivitasStorageTests",
            dependencies: ["CivitasStorage", "CivitasCore", "CivitasTesting", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CivitasEndToEndTests",
            dependencies: [
                "CivitasTesting", "CivitasClient", "CivitasCLISupport", "CivitasServer",
                "civitasd", "civitas", "civitas-admin", "Workers",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WorkersTests",
            dependencies: [
                "Workers", "CivitasCore", "CivitasTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ProtocolsTests",
            dependencies: [
                "CivitasProtos",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
