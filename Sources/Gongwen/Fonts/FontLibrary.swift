import Foundation

/// The fonts a document may carry: every TrueType face found in some directories whose licence allows
/// embedding a subset, and for each `FontRole` the faces to set it in.
///
/// Directories are searched in order, so an office's own font folder given first wins over the system's.
/// For each role the chain is: the role's preferred families, then its free fallbacks, then every other
/// usable face — the last ones only for characters the earlier faces lack (a rare character in a name).
public struct FontLibrary: Sendable {
    /// Usable faces in search order.
    public let faces: [FontFace]
    /// Files that could not be used, and why (CFF outlines, a licence forbidding embedding, damage).
    public let skipped: [(path: String, reason: String)]

    /// Where Debian and most Linux systems keep fonts.
    public static let systemDirectories = ["/usr/share/fonts", "/usr/local/share/fonts"]

    public init(faces: [FontFace], skipped: [(path: String, reason: String)] = []) {
        self.faces = faces
        self.skipped = skipped
    }

    /// Reads every `.ttf`/`.ttc` under the directories (recursively, files sorted by path so the choice is
    /// the same on every run).
    public static func scanning(_ directories: [String]) -> FontLibrary {
        var faces: [FontFace] = []
        var skipped: [(String, String)] = []
        var seen = Set<String>()
        for directory in directories {
            guard let walker = FileManager.default.enumerator(atPath: directory) else { continue }
            let files = walker.compactMap { $0 as? String }
                .filter { [".ttf", ".ttc"].contains(where: $0.lowercased().hasSuffix) }
                .sorted()
            for file in files {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(file).resolvingSymlinksInPath().path
                guard seen.insert(path).inserted else { continue }
                do {
                    for index in 0..<(try FontFace.faceCount(path: path)) {
                        let face = try FontFace(path: path, index: index)
                        if face.allowsSubsetEmbedding {
                            faces.append(face)
                        } else {
                            skipped.append((path, "licence does not allow embedding a subset (fsType \(face.embeddingFlags))"))
                        }
                    }
                } catch {
                    skipped.append((path, "\(error)"))
                }
            }
        }
        return FontLibrary(faces: faces, skipped: skipped)
    }

    /// The faces to set `role` in, best first.
    public func chain(for role: FontRole) -> [FontFace] {
        var chain: [FontFace] = []
        for family in role.preferredFamilies + role.fallbackFamilies {
            for face in faces where face.familyNames.contains(family) && !chain.contains(where: { $0.isSame(as: face) }) {
                chain.append(face)
            }
        }
        return chain + faces.filter { face in !chain.contains { $0.isSame(as: face) } }
    }

    /// The face a role's text is mostly set in (the head of its chain), or nil when no usable face is
    /// installed; for the information centre's `zhengtong fonts` report.
    public func primaryFace(for role: FontRole) -> FontFace? { chain(for: role).first }

    /// Whether the role is set in one of its preferred (not fallback) families.
    public func hasPreferredFace(for role: FontRole) -> Bool {
        primaryFace(for: role).map { !Set($0.familyNames).isDisjoint(with: role.preferredFamilies) } ?? false
    }
}

extension FontFace {
    /// The same face of the same file.
    func isSame(as other: FontFace) -> Bool { path == other.path && index == other.index }
}
