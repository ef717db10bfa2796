import Foundation

/// The fonts of one OFD package: which font resource draws each character of each role, the `Font`
/// entries of PublicRes.xml and the embedded subsets under `Res/`.
///
/// With a `FontLibrary`, every character is drawn in the first face of its role's chain that has a glyph
/// for it, and each face used becomes one embedded subset (`Res/Font_N.ttf`) holding exactly the
/// characters drawn in it — so the document shows the same on a reader with none of its fonts installed,
/// as DA/T 47 asks of an archival format. A character no usable face has (or every character, without a
/// library) is drawn in a font given by name only, the role's `ofdFontName`, as readers substitute an
/// installed font for it.
struct OFDFontResources {
    /// A face's identity: its file and index in a collection.
    fileprivate struct FaceKey: Hashable {
        var path: String
        var index: Int
    }

    fileprivate enum Source: Hashable {
        case embedded(FaceKey)
        case named(FontRole)
    }

    private var ids: [Source: Int] = [:]
    private var choice: [FontRole: [Character: Source]] = [:]
    /// The `Font` elements, in ID order.
    private(set) var elements: [OFDElement] = []
    /// The embedded subsets, relative to PublicRes's `BaseLoc`.
    private(set) var files: [(path: String, data: Data)] = []

    /// Chooses a font for every character of the layout's text and the seals' names, and subsets the faces.
    init(layout: LaidOutDocument, seals: [OFDSeal], library: FontLibrary?, ids counter: inout OFDIdentifiers) throws {
        var used: [FontRole: Set<Character>] = [:]
        for page in layout.pages {
            for case let .text(run) in page.items { used[run.font, default: []].formUnion(run.text) }
        }
        for glyph in seals.flatMap(\.design.glyphs) { used[glyph.font, default: []].formUnion(glyph.character) }

        var faces: [FaceKey: FontFace] = [:]
        var order: [Source] = []
        var scalars: [FaceKey: Set<Unicode.Scalar>] = [:]
        var serif: [Source: Bool] = [:]
        for role in FontRole.allCases {
            guard let characters = used[role] else { continue }
            let chain = library?.chain(for: role) ?? []
            var chosen: [Character: Source] = [:]
            // Sorted so that IDs, and with them the package's bytes, are the same for the same document.
            for character in characters.sorted(by: { String($0) < String($1) }) where !character.isWhitespace {
                let source: Source
                if let face = chain.first(where: { $0.covers(character) }) {
                    let key = FaceKey(path: face.path, index: face.index)
                    faces[key] = face
                    scalars[key, default: []].formUnion(character.unicodeScalars)
                    source = .embedded(key)
                } else {
                    source = .named(role)
                }
                chosen[character] = source
                if serif[source] == nil {
                    serif[source] = role.ofdIsSerif
                    order.append(source)
                }
            }
            choice[role] = chosen
        }

        // Embedded faces first in the order first met, then the named ones.
        order.sort { ($0.isEmbedded ? 0 : 1) < ($1.isEmbedded ? 0 : 1) }
        for source in order {
            let id = counter.next()
            ids[source] = id
            switch source {
            case let .embedded(key):
                let face = faces[key]!
                let file = "Font_\(files.count).ttf"
                files.append((file, try FontSubsetter.subset(face, scalars: scalars[key] ?? [])))
                elements.append(OFDElement("Font", [
                    ("ID", String(id)), ("FontName", face.familyName), ("FamilyName", face.familyName),
                    ("Serif", serif[source]! ? "true" : "false"),
                ], children: [OFDElement("FontFile", text: file)]))
            case let .named(role):
                elements.append(OFDElement("Font", [
                    ("ID", String(id)), ("FontName", role.ofdFontName), ("FamilyName", role.ofdFontName),
                    ("Serif", role.ofdIsSerif ? "true" : "false"),
                ]))
            }
        }
    }

    /// The font resource drawing `character` in `role`; whitespace (drawn by no glyph) has none and goes
    /// with its neighbours.
    func id(_ role: FontRole, _ character: Character) -> Int? {
        choice[role]?[character].flatMap { ids[$0] }
    }
}

private extension OFDFontResources.Source {
    var isEmbedded: Bool {
        if case .embedded = self { return true }
        return false
    }
}
