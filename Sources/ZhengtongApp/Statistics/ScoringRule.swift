import Foundation

/// How an indicator turns the units' values into points (of at most its weight).
enum ScoringRule: String, Sendable, Codable, CaseIterable {
    /// 与最优值之比: the best unit gets the weight, others in proportion (value ÷ best when more is better, best ÷ value
    /// when less is). A unit with no value gets nothing.
    case ratioToBest
    /// 达标得分: the weight when the value reaches the target (at least it, or at most it when less is better), else 0
    /// — e.g. 纸质分发占比 ≤ 5%.
    case target
    /// 按名次: the first gets the weight, the last nothing, the others evenly between; equal values share a place.
    case rank

    var label: String { Strings.Statistics.ruleLabel(self) }

    /// Points per unit. `values` holds the units that have a value; `units` all the units scored.
    func points(weight: Double, target: Double?, direction: FigureDirection, values: [UUID: Double], units: [UUID]) -> [UUID: Double] {
        let better: (Double, Double) -> Bool = direction == .higherIsBetter ? { $0 > $1 } : { $0 < $1 }
        var result: [UUID: Double] = [:]
        for unit in units { result[unit] = 0 }
        switch self {
        case .ratioToBest:
            guard let best = values.values.max(by: { better($1, $0) }) else { return result }
            for (unit, value) in values {
                let share: Double
                switch direction {
                case .higherIsBetter: share = best > 0 ? value / best : 1
                case .lowerIsBetter: share = value > 0 ? best / value : 1
                }
                result[unit] = Self.rounded(weight * min(1, max(0, share)))
            }
        case .target:
            guard let target else { return result }
            for (unit, value) in values {
                let met = direction == .higherIsBetter ? value >= target : value <= target
                result[unit] = met ? weight : 0
            }
        case .rank:
            let ordered = values.sorted { better($0.value, $1.value) || ($0.value == $1.value && $0.key.uuidString < $1.key.uuidString) }
            let count = ordered.count
            guard count > 0 else { return result }
            for (unit, value) in values {
                let place = ordered.filter { better($0.value, value) }.count
                result[unit] = count == 1 ? weight : Self.rounded(weight * Double(count - 1 - place) / Double(count - 1))
            }
        }
        return result
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
