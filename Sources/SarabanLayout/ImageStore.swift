import Foundation
import SarabanFiles
import SarabanGraphics

/// Loads the emblem and signature images once per render, resolving relative paths against
/// the data file's folder.
final class ImageStore {
    let emblemPath: String
    let baseDirectory: String
    /// Where pictures may come from: the data file's folder and the folders the user allowed.
    let access: FileAccess
    private var emblemImage: VectorImage?

    /// A signature or a picture, drawn either way.
    enum Signature {
        case vector(VectorImage), raster(RasterImage)

        /// Height over width.
        var aspect: Double {
            switch self {
            case .vector(let image): return image.height / image.width
            case .raster(let image): return Double(image.pixelHeight) / Double(image.pixelWidth)
            }
        }

        /// The page item that draws it `height` high with its top left corner at (`x`, `y`).
        func item(x: Double, y: Double, height: Double) -> PageItem {
            switch self {
            case .vector(let image): return .vector(image, x: x, y: y, height: height)
            case .raster(let image): return .raster(image, x: x, y: y, height: height)
            }
        }
    }

    /// Pictures larger than this are refused before they are decoded.
    let maximumPixels: Int

    init(
        emblemPath: String, baseDirectory: String, allowedDirectories: [String] = [], maximumPixels: Int = .max,
        emblem: VectorImage? = nil
    ) {
        self.emblemPath = emblemPath
        self.maximumPixels = maximumPixels
        self.baseDirectory = baseDirectory
        access = FileAccess(roots: [baseDirectory]).allowing(allowedDirectories)
        emblemImage = emblem
    }

    func emblem() throws -> VectorImage {
        if let emblemImage { return emblemImage }
        guard FileManager.default.fileExists(atPath: emblemPath) else {
            throw LayoutError.missingFile(path: emblemPath, what: "the Garuda emblem (SVG)")
        }
        let image = try VectorImage(path: emblemPath)
        emblemImage = image
        return image
    }

    func signature(_ path: String) throws -> Signature { try image(path, what: "the signature image (PNG or SVG)") }

    /// A picture of the body (`![caption](file.png)`), PNG, JPEG or SVG.
    func picture(_ path: String) throws -> Signature { try image(path, what: "a picture (PNG, JPEG or SVG)") }

    private func image(_ path: String, what: String) throws -> Signature {
        let full = try access.resolve(path, relativeTo: baseDirectory)
        guard FileManager.default.fileExists(atPath: full) else {
            throw LayoutError.missingFile(path: full, what: what)
        }
        if full.lowercased().hasSuffix(".svg") { return .vector(try VectorImage(path: full)) }
        if full.lowercased().hasSuffix(".png") {
            if let (width, height) = RasterImage.pngSize(path: full), width * height > maximumPixels {
                throw Style.LimitExceeded(
                    what: "\(path) is \(width)×\(height) pixels", limit: maximumPixels, key: "imagePixels")
            }
            return .raster(try RasterImage(pngPath: full))
        }
        if full.lowercased().hasSuffix(".jpg") || full.lowercased().hasSuffix(".jpeg") {
            let image = try RasterImage(jpegPath: full)
            guard image.pixelWidth * image.pixelHeight <= maximumPixels else {
                throw Style.LimitExceeded(
                    what: "\(path) is \(image.pixelWidth)×\(image.pixelHeight) pixels", limit: maximumPixels,
                    key: "imagePixels")
            }
            return .raster(image)
        }
        throw LayoutError.unsupportedImage(path: full)
    }
}

public enum LayoutError: Error, CustomStringConvertible {
    case missingFile(path: String, what: String)
    case unsupportedImage(path: String)
    public var description: String {
        switch self {
        case let .missingFile(path, what): return "\(path): file not found; expected \(what)"
        case .unsupportedImage(let path): return "\(path): a picture or signature must be a .png, .jpg or .svg file"
        }
    }
}

extension LayoutError: ReportedError { public var exitStatus: ExitStatus { .environment } }
