import Foundation

/// 分发范围: the units a 发文 goes to through 公文交换, each 主送 or 抄送, as chosen at 封发.
struct Distribution: Codable, Sendable, Equatable {
    struct Entry: Codable, Sendable, Equatable {
        var unit: UUID
        var role: Delivery.Role
    }

    var entries: [Entry]

    static func decode(_ text: String?) -> Distribution? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(Distribution.self, from: data)
    }

    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// A unit listed once, as 主送 when it is chosen as both.
    init(entries: [Entry]) {
        var seen: [UUID: Int] = [:]
        var unique: [Entry] = []
        for entry in entries {
            if let index = seen[entry.unit] {
                if entry.role == .main { unique[index].role = .main }
            } else {
                seen[entry.unit] = unique.count
                unique.append(entry)
            }
        }
        self.entries = unique
    }
}
