import Fluent
import Foundation

/// The unit tree as a parent map, for the subtree questions scoping asks
/// ("is unit X under unit Y?"). Loaded whole: a city has hundreds of units, not millions.
struct UnitTree: Sendable {
    private(set) var parentOf: [UUID: UUID] = [:]
    private(set) var childrenOf: [UUID: [UUID]] = [:]
    private(set) var all: Set<UUID> = []
    /// Each unit's name, for the page header of everyone signed in.
    private(set) var nameOf: [UUID: String] = [:]

    init(pairs: [(id: UUID, parentID: UUID?)], names: [UUID: String] = [:]) {
        nameOf = names
        for pair in pairs {
            all.insert(pair.id)
            if let parent = pair.parentID {
                parentOf[pair.id] = parent
                childrenOf[parent, default: []].append(pair.id)
            }
        }
    }

    static func load(on db: any Database) async throws -> UnitTree {
        let units = try await Unit.query(on: db).field(\.$id).field(\.$parent.$id).field(\.$name).all()
        return UnitTree(pairs: units.compactMap { unit in unit.id.map { ($0, unit.$parent.id) } },
                        names: Dictionary(units.compactMap { unit in unit.id.map { ($0, unit.name) } }, uniquingKeysWith: { first, _ in first }))
    }

    /// `unit` itself and every unit under it.
    func subtree(of unit: UUID) -> Set<UUID> {
        var result: Set<UUID> = []
        var stack = [unit]
        while let next = stack.popLast() {
            guard result.insert(next).inserted else { continue }
            stack.append(contentsOf: childrenOf[next] ?? [])
        }
        return result
    }

    /// `true` when `unit` is `ancestor` or lies under it.
    func isWithin(_ unit: UUID, ancestor: UUID) -> Bool {
        var current: UUID? = unit
        var steps = 0
        while let id = current, steps <= all.count {
            if id == ancestor { return true }
            current = parentOf[id]
            steps += 1
        }
        return false
    }

    /// How many units stand above `unit` (0 for a top unit), for indenting a list of units as a tree.
    func depth(of unit: UUID) -> Int {
        var depth = 0
        var current = parentOf[unit]
        while let id = current, depth <= all.count {
            depth += 1
            current = parentOf[id]
        }
        return depth
    }
}
