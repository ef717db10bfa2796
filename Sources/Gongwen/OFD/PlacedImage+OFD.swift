import Foundation

extension PlacedImage {
    /// The picture as an `ImageObject`: the unit square of the image resource mapped onto the Boundary by
    /// the CTM (`width 0 0 height 0 0`), as GB/T 33190 places images.
    func ofdImageObject(id: Int, resourceID: Int) -> OFDElement {
        OFDElement("ImageObject", [
            ("ID", String(id)),
            ("Boundary", OFDFormat.box(x: x, y: y, width: width, height: height)),
            ("CTM", OFDFormat.numbers(width, 0, 0, height, 0, 0)),
            ("ResourceID", String(resourceID)),
        ])
    }
}

extension LayoutImage.Format {
    /// The extension of the resource file in the package and the `Format` of its `MultiMedia`.
    var ofdFileExtension: String { self == .png ? "png" : "jpg" }
    var ofdFormat: String { self == .png ? "PNG" : "JPEG" }
}
