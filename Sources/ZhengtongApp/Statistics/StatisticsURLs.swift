import Foundation
import Vapor

/// The pages of 效能统计 and 考核 (see ``SiteURL``).
extension SiteURL {
    static let statistics = SiteURL("/statistics")
    static let statisticsExport = SiteURL("/statistics/export")
    static let statisticsUnit = SiteURL("/statistics/units/:unitID")
    static let statisticsUnitExport = SiteURL("/statistics/units/:unitID/export")
    static let statisticsRankings = SiteURL("/statistics/rankings")
    static let statisticsRanking = SiteURL("/statistics/rankings/:schemeID")
    static let statisticsRankingExport = SiteURL("/statistics/rankings/:schemeID/export")
    static let adminAssessment = SiteURL("/admin/assessment")
    static let adminAssessmentNew = SiteURL("/admin/assessment/new")
    static let adminAssessmentScheme = SiteURL("/admin/assessment/:schemeID")
    static let adminAssessmentDelete = SiteURL("/admin/assessment/:schemeID/delete")
}

extension Request {
    /// The `period` query parameter (default: this year so far); 422 naming the accepted forms when it is not one.
    func statisticsPeriod(now: Date = Date()) throws -> StatisticsPeriod {
        guard let code = queryValue("period"), !code.isEmpty else { return .currentYear(at: now) }
        guard let period = StatisticsPeriod(code: code) else {
            throw AppError.validation(Strings.Statistics.periodInvalid, fields: ["period": Strings.Statistics.periodInvalid])
        }
        return period
    }

    /// The `format` of an export (`csv` or `xlsx`); 404 for another.
    func exportFormat() throws -> StatisticsTable.Format {
        guard let format = queryValue("format").flatMap(StatisticsTable.Format.init(rawValue:)) else { throw AppError.notFound() }
        return format
    }
}
