import FluentKit
import Foundation

/// A tree flattened for a list or a `<select>`: depth-first, siblings by sort order then name,
/// with the depth shown as indentation.
struct OutlineRow<Item: Sendable>: Sendable {
    var item: Item
    var depth: Int
    var id: String
    /// `　　县财政局` — full-width spaces indent inside a `<select>` too.
    var label: String
}

extension OutlineRow: Encodable where Item: Encodable {}

enum Outline {
    static func flatten<Item>(_ items: [Item], id: (Item) -> UUID?, parent: (Item) -> UUID?, order: (Item) -> (Int, String)) -> [OutlineRow<Item>] {
        let present = Set(items.compactMap(id))
        var children: [UUID?: [Item]] = [:]
        for item in items {
            // An item whose parent is not in the list (out of scope) shows as a root.
            let parentID = parent(item).flatMap { present.contains($0) ? $0 : nil }
            children[parentID, default: []].append(item)
        }
        for key in children.keys {
            children[key]?.sort { order($0) < order($1) }
        }
        var rows: [OutlineRow<Item>] = []
        var visited: Set<UUID> = []
        func visit(_ parentID: UUID?, depth: Int) {
            for item in children[parentID] ?? [] {
                guard let itemID = id(item), visited.insert(itemID).inserted else { continue }
                let (_, name) = order(item)
                rows.append(OutlineRow(item: item, depth: depth, id: itemID.uuidString,
                                       label: String(repeating: "　", count: depth) + name))
                visit(itemID, depth: depth + 1)
            }
        }
        visit(nil, depth: 0)
        return rows
    }
}

/// Units in tree order.
enum UnitOutline {
    static func ordered(_ units: [Unit]) async throws -> [OutlineRow<UnitRowData>] {
        Outline.flatten(units.map(UnitRowData.init), id: \.id, parent: \.parentID, order: { ($0.sortOrder, $0.name) })
    }
}

/// Departments in tree order.
enum DepartmentOutline {
    static func ordered(_ departments: [Department]) async throws -> [OutlineRow<DepartmentRowData>] {
        Outline.flatten(departments.map(DepartmentRowData.init), id: \.id, parent: \.parentID, order: { ($0.sortOrder, $0.name) })
    }
}

/// What the unit lists show (a value, so it can cross to templates and tasks).
struct UnitRowData: Encodable, Sendable {
    var id: UUID?
    var parentID: UUID?
    var name: String
    var code: String
    var kind: String
    var sortOrder: Int
    var disabled: Bool

    init(_ unit: Unit) {
        id = unit.id
        parentID = unit.$parent.id
        name = unit.name
        code = unit.code
        kind = unit.kind.label
        sortOrder = unit.sortOrder
        disabled = unit.isDisabled
    }
}

/// What the department lists show.
struct DepartmentRowData: Encodable, Sendable {
    var id: UUID?
    var parentID: UUID?
    var name: String
    var sortOrder: Int
    var disabled: Bool

    init(_ department: Department) {
        id = department.id
        parentID = department.$parent.id
        name = department.name
        sortOrder = department.sortOrder
        disabled = department.isDisabled
    }
}
