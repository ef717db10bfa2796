import Foundation

/// The registry of figure sources, in the order pages show their figures. Adding a source here is the one
/// registration a new figure needs (see ``StatisticsSource``).
enum StatisticsSources {
    static let all: [any StatisticsSource] = [
        OutgoingVolumeSource(), IncomingVolumeSource(), DocumentTimeSource(), StepTimeSource(), DeadlineSource(), ReturnSource(),
        SignInSource(), AcceptanceDelaySource(), SupervisionCompletionSource(), SupervisionReportSource(),
    ]

    static let figures: [StatisticsFigure] = all.flatMap(\.figures)

    private static let byKey: [FigureKey: StatisticsFigure] = Dictionary(figures.map { ($0.key, $0) }) { first, _ in first }

    static func figure(_ key: FigureKey) -> StatisticsFigure? { byKey[key] }

    static func source(_ key: String) -> (any StatisticsSource)? { all.first { $0.key == key } }
}

extension FigureKey {
    static let outgoingVolume = FigureKey("outgoingVolume")
    static let paperShare = FigureKey("paperShare")
    static let incomingVolume = FigureKey("incomingVolume")
    static let documentTimeAverage = FigureKey("documentTimeAverage")
    static let documentTimeP90 = FigureKey("documentTimeP90")
    static let stepTimeAverage = FigureKey("stepTimeAverage")
    static let stepTimeP90 = FigureKey("stepTimeP90")
    static let onTimeRate = FigureKey("onTimeRate")
    static let overdueCount = FigureKey("overdueCount")
    static let returnCount = FigureKey("returnCount")
    static let signIns = FigureKey("signIns")
    static let acceptanceDelay = FigureKey("acceptanceDelay")
    static let acceptanceDelayP90 = FigureKey("acceptanceDelayP90")
}
