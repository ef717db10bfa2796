/// The drawing of an electronic seal (电子印章), measured in millimetres from the seal's centre
/// (y downwards): a red ring, a five-pointed star in the middle, and the unit's name along the upper
/// arc. The print view draws it as SVG and the OFD package as vector graphics, from this one design.
public struct SealDesign: Hashable, Sendable {
    /// Outer diameter (GB/T 9704 does not fix it; 42 mm is the common size of a 机关 seal).
    public var diameter: Double
    /// Width of the ring.
    public var ringWidth: Double
    /// The star as a closed polygon, points relative to the centre.
    public var star: [SealPoint]
    /// The name, one character each, placed and turned along the arc.
    public var glyphs: [SealGlyph]
    public var color: LayoutColor

    public init(diameter: Double, ringWidth: Double, star: [SealPoint], glyphs: [SealGlyph], color: LayoutColor = .red) {
        self.diameter = diameter
        self.ringWidth = ringWidth
        self.star = star
        self.glyphs = glyphs
        self.color = color
    }
}

public struct SealPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// One character of the name: its centre relative to the seal's centre, turned by `rotation` degrees
/// clockwise (0 = upright) so that its foot points at the centre.
public struct SealGlyph: Hashable, Sendable {
    public var character: String
    public var x: Double
    public var y: Double
    public var rotation: Double
    /// Point size.
    public var size: Double
    public var font: FontRole

    public init(character: String, x: Double, y: Double, rotation: Double, size: Double, font: FontRole = .songti) {
        self.character = character
        self.x = x
        self.y = y
        self.rotation = rotation
        self.size = size
        self.font = font
    }
}
