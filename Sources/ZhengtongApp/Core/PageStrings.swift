import Leaf
import LeafKit

/// The template string table `t`, converted to Leaf's values once for the life of the process: encoding the ~800
/// entries of ``Strings/page`` again for every page was a tenth of what a page view cost.
struct PageStrings: Encodable, Sendable, LeafDataRepresentable {
    static let shared = PageStrings()
    private static let data = LeafData.dictionary(Strings.page.mapValues(LeafData.string))

    /// Leaf's encoder takes this shortcut for a `LeafDataRepresentable` value.
    var leafData: LeafData { Self.data }

    /// Other encoders (none today) see the plain table.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Strings.page)
    }
}
