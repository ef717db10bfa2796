import Foundation

/// An electronic seal (电子印章) to stamp on the package: the drawing, where it goes, and the signature
/// that binds it to the package's contents.
///
/// The package shows the seal as a Stamp annotation (vector graphics drawn from `design`) and records a
/// Seal signature in `Doc_0/Signs`: digests of the protected files and the signature value.
public struct OFDSeal: Sendable {
    public var design: SealDesign
    /// Where the seal is stamped; the design is scaled so its outer diameter is `placement.diameter`.
    public var placement: SealPlacement
    /// The page (from 0) the seal is stamped on.
    public var pageIndex: Int
    public var signature: OFDSignature

    public init(design: SealDesign, placement: SealPlacement, pageIndex: Int, signature: OFDSignature) {
        self.design = design
        self.placement = placement
        self.pageIndex = pageIndex
        self.signature = signature
    }
}
