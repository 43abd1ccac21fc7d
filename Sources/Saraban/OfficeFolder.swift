import Foundation
import SarabanData
import SarabanFiles
import Yams

/// An office's own folder, so that it adapts Saraban without copying it:
///
///     templates/      templates that replace the built-in ones by name, or new ones
///     style.yaml      only the settings the office changes (merged over the built-in style)
///     defaults.yaml   per document type, the fields every document gets unless its data gives
///                     them (the office's name and address, its signer, its contact lines)
///     checks.yaml     `ignore: [rule, …]`: checks the office does not want reported
///     recipients.yaml `map: {ลำดับ: "-", อำเภอ: name}`: its sheets' column headings as fields
///     starters/       its own starter data (`saraban new NAME`), and schemas/ (`saraban schema NAME`)
///
/// Found from `--office DIR`, else `SARABAN_OFFICE`, else `~/.config/saraban` when it exists.
public struct OfficeFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public static func locate(explicit: String? = nil) -> OfficeFolder? {
        if let explicit, !explicit.isEmpty { return OfficeFolder(path: explicit) }
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["SARABAN_OFFICE"], !named.isEmpty { return OfficeFolder(path: named) }
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.config" }
        guard let folder = config.map({ $0 + "/saraban" }) else { return nil }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue
            ? OfficeFolder(path: folder) : nil
    }

    public var templateDirectory: String { path + "/templates" }
    public var stylePath: String? { existing("style.yaml") }
    public var defaultsPath: String? { existing("defaults.yaml") }
    public var checksPath: String? { existing("checks.yaml") }
    public var recipientsPath: String? { existing("recipients.yaml") }

    /// The office's column headings for its recipients' sheets (`recipients.yaml`, `map:`);
    /// `--map` goes over it.
    public func recipientColumns() throws -> [String: String] {
        guard let file = recipientsPath else { return [:] }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw DataError(file: file, message: "cannot read the office's recipients settings")
        }
        let root = try FieldReader.root(text: text, file: file)
        let pairs = try root.texts("map")
        try root.finish()
        return Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }

    /// A file kept per document type (`starters/NAME.yaml`, `schemas/NAME.json`): the office's
    /// own when it has one, else the installation's; nil when neither has it.
    public static func documentTypeFile(
        office: OfficeFolder?, installation: Installation, folder: String,
        name: String, extension ext: String
    ) -> String? {
        guard !name.contains("/"), !name.hasPrefix(".") else { return nil }
        for directory in typeFileDirectories(office: office, installation: installation) {
            let path = "\(directory)/\(folder)/\(name).\(ext)"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return text }
        }
        return nil
    }

    /// Where files kept per document type are looked for: the office's folder first.
    private static func typeFileDirectories(office: OfficeFolder?, installation: Installation) -> [String] {
        (office.map { [$0.path] } ?? []) + [installation.templateDirectory]
    }

    /// The names `documentTypeFile` knows in `folder`: the installation's and the office's.
    public static func documentTypeNames(
        office: OfficeFolder?, installation: Installation, folder: String,
        extension ext: String
    ) -> [String] {
        let names = typeFileDirectories(office: office, installation: installation).flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(folder)")) ?? [])
                .filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }
        }
        return Array(Set(names)).sorted()
    }

    /// The checks an office and a command line silence, for one data file (`saraban check`,
    /// `render`): each name checked against the rules.
    public func checks(file: String, ignoring: [String]) throws -> DataChecks {
        try OfficeFolder.checks(office: self, file: file, ignoring: ignoring)
    }

    public static func checks(office: OfficeFolder?, file: String, ignoring: [String]) throws -> DataChecks {
        let fromOffice = try office?.checksPath.map(DataChecks.officeIgnores(path:)) ?? []
        return try DataChecks.configured(file: file, ignoring: fromOffice + ignoring.map { ($0, "--ignore") })
    }

    /// The office's defaults (empty without a defaults.yaml).
    public func defaults() throws -> [String: Node.Mapping] {
        try defaultsPath.map(DataLoader.defaults(path:)) ?? [:]
    }

    /// A data loader with `office`'s defaults under every document (and their file named in
    /// messages about them), reading files from the data's folder and `allowedDirectories`.
    public static func dataLoader(office: OfficeFolder?, allowedDirectories: [String]) throws -> DataLoader {
        DataLoader(
            allowedDirectories: allowedDirectories, defaults: try office?.defaults() ?? [:],
            defaultsFile: office?.defaultsPath)
    }

    private func existing(_ name: String) -> String? {
        FileManager.default.fileExists(atPath: path + "/" + name) ? path + "/" + name : nil
    }

    public struct OfficeError: Error, CustomStringConvertible {
        public var description: String
    }

    /// `saraban office init DIR`: a commented starting folder (never over an existing one).
    public static func create(at path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw OfficeError(description: "\(path) exists; an office folder is made in a new folder")
        }
        try FileManager.default.createDirectory(atPath: path + "/templates", withIntermediateDirectories: true)
        try """
        # The office's style: only the settings it changes; everything else is Saraban's own
        # (saraban templates show, Templates/style.yaml). A setting that does not exist is an error.
        # font:
        #   family: TH SarabunIT๙      # with --font-dir, or installed
        #   scale: 1

        """.write(toFile: path + "/style.yaml", atomically: true, encoding: .utf8)
        try """
        # Fields every document of a type gets unless its own data gives them.
        # external-letter:
        #   office:
        #     name: ที่ว่าการอำเภอเมืองลำปาง
        #     address: [ถนนบุญวาทย์ ลป ๕๒๐๐๐]
        #   signer:
        #     name: นายสมชาย ใจดี
        #     position: [นายอำเภอเมืองลำปาง]
        #   contact:
        #     unit: [ฝ่ายบริหารงานปกครอง]
        #     phone: ๐ ๕๔๒๒ ๐๐๐๐
        # circular-letter: …       # the same fields
        # memo:
        #   unit: ที่ว่าการอำเภอเมืองลำปาง ฝ่ายบริหารงานปกครอง
        {}

        """.write(toFile: path + "/defaults.yaml", atomically: true, encoding: .utf8)
        try """
        # Checks the office does not want reported (docs/checks.md lists them), e.g.
        # ignore: [names]
        ignore: []

        """.write(toFile: path + "/checks.yaml", atomically: true, encoding: .utf8)
        try """
        # Column headings of the office's recipients sheets and the fields they fill
        # ("-" leaves a column out); saraban batch --map goes over these.
        # map:
        #   ลำดับ: "-"
        #   อำเภอ: name
        #   หมายเหตุ: "-"
        {}

        """.write(toFile: path + "/recipients.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: path + "/starters", withIntermediateDirectories: true)
        try """
        The office's own starter data files: saraban new NAME writes starters/NAME.yaml (an
        office starter named like a built-in one replaces it). Put JSON Schemas for editors in
        schemas/NAME.json beside it the same way.

        """.write(toFile: path + "/starters/README.txt", atomically: true, encoding: .utf8)
        try """
        Put templates here to replace Saraban's by name (copy one from `saraban templates show NAME`
        or the installation's Templates/ and change it), or add new ones and name them in the data
        (`template: NAME`) or with `-t NAME`.

        """.write(toFile: path + "/templates/README.txt", atomically: true, encoding: .utf8)
    }
}

extension OfficeFolder.OfficeError: ReportedError { public var exitStatus: ExitStatus { .environment } }
