// swift-tools-version:6.0
// Saraban: Thai official documents from data to print-ready PDF.
// The targets follow the pipeline: data → template → document → layout → output.
import PackageDescription

let package = Package(
    name: "Saraban",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "saraban", targets: ["SarabanCLI"]),
        .executable(name: "saraban-bench", targets: ["SarabanBench"]),
        .executable(name: "saraban-fuzz", targets: ["SarabanFuzzCLI"]),
        .library(name: "Saraban", targets: ["Saraban"]),
        .library(name: "ThaiText", targets: ["ThaiText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Thai text rules: digits, Buddhist-Era dates, baht text. Pure Swift, no C.
        .target(name: "ThaiText"),

        // The C libraries (Pango, Cairo, fontconfig, librsvg). Only SarabanGraphics imports this.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo pangoft2 fontconfig libpng",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "librsvg2-dev"])]
        ),
        // Cairo's PDF streams compressed at zlib's fastest level (Cairo has no setting for it).
        .target(name: "CFastDeflate", linkerSettings: [.linkedLibrary("z")]),
        // Temporary output files made exclusively and removed on signals and crashes.
        .target(name: "CSafeFiles"),
        // Thin Swift wrapper over the C libraries: fonts, text layouts, canvases, PDF/PNG surfaces.
        .target(name: "SarabanGraphics", dependencies: ["CPangoCairo", "CFastDeflate", "CSafeFiles", "SarabanFiles"]),

        // cmark-gfm (GitHub's CommonMark parser, with tables) and the one module that calls it.
        .systemLibrary(
            name: "CCMarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "SarabanMarkdown", dependencies: ["CCMarkGFM"]),

        // Reading inputs safely: which files a document may read (pictures, signatures,
        // attached files) and YAML within bounds (nesting, aliases).
        .target(name: "SarabanFiles", dependencies: ["Yams"]),

        // 1. data: YAML/JSON → typed, checked documents (Letter, Memo…).
        .target(name: "SarabanData", dependencies: ["ThaiText", "SarabanMarkdown", "SarabanFiles", "Yams"]),
        // 2. template: typed documents → document markup via user-editable Mustache templates.
        .target(name: "SarabanTemplate", dependencies: [
            "SarabanData", "SarabanDocument", "ThaiText", "SarabanMarkdown", "SarabanFiles", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // 3. document: the markup → a typed model of blocks.
        .target(name: "SarabanDocument", dependencies: ["ThaiText", "SarabanFiles"]),
        // 4. layout: blocks → lines → pages (Thai breaking, distributed justification, pagination).
        .target(name: "SarabanLayout", dependencies: ["SarabanDocument", "SarabanGraphics", "SarabanFiles", "ThaiText", "Yams"]),
        // 5. output: pages → PDF / PNG.
        .target(name: "SarabanOutput", dependencies: ["SarabanLayout", "SarabanGraphics", "SarabanSign"]),
        // libxml2's reader, opened with dlopen when an Excel workbook is read (never at start).
        .target(name: "CXMLReader", linkerSettings: [.linkedLibrary("dl")]),
        // Signatures: OpenSSL makes the CMS (PAdES) signature; SarabanSign writes the PDF update.
        .target(name: "CSigning", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "SarabanSign", dependencies: ["CSigning", "SarabanFiles", "ThaiText"]),
        // The whole pipeline behind one call.
        .target(name: "Saraban", dependencies: [
            "SarabanData", "SarabanTemplate", "SarabanDocument", "SarabanLayout", "SarabanOutput", "SarabanFiles", "ThaiText",
            "SarabanSign", "CXMLReader", "Yams", .product(name: "SwiftCSV", package: "SwiftCSV"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .executableTarget(name: "SarabanCLI", dependencies: [
            "Saraban", "ThaiText", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "SarabanBench", dependencies: ["Saraban", "SarabanData"]),
        // Mutation fuzzing of every reader (Fuzz/README.md): a library the tests run with a fixed
        // seed, and a command for long runs.
        .target(name: "SarabanFuzz", dependencies: ["Saraban", "SarabanDocument", "SarabanLayout"], path: "Fuzz/SarabanFuzz"),
        .executableTarget(name: "SarabanFuzzCLI", dependencies: ["SarabanFuzz"], path: "Fuzz/saraban-fuzz"),

        .testTarget(name: "ThaiTextTests", dependencies: ["ThaiText"]),
        .testTarget(name: "SarabanDataTests", dependencies: ["SarabanData"]),
        .testTarget(name: "SarabanTemplateTests", dependencies: [
            "SarabanTemplate", "SarabanData", "SarabanDocument", .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .testTarget(name: "SarabanDocumentTests", dependencies: ["SarabanDocument"]),
        .testTarget(name: "SarabanGraphicsTests", dependencies: ["SarabanGraphics"]),
        .testTarget(name: "SarabanLayoutTests", dependencies: ["SarabanLayout", "SarabanDocument", "SarabanGraphics"]),
        .testTarget(name: "SarabanRenderTests", dependencies: ["Saraban", "SarabanCLI"]),
        .testTarget(name: "SarabanFuzzTests", dependencies: ["SarabanFuzz"]),
    ]
)
