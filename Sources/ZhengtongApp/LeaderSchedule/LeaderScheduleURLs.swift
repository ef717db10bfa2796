import Foundation

/// The pages of 领导日程 (see ``SiteURL``).
extension SiteURL {
    /// 领导周活动安排: `?unit=&week=`.
    static let schedules = SiteURL("/schedules")
    static let schedulesPrint = SiteURL("/schedules/print")
    static let schedulesPublish = SiteURL("/schedules/publish")
    static let schedulesStats = SiteURL("/schedules/stats")
    static let schedulesStatsCSV = SiteURL("/schedules/stats.csv")
    static let scheduleActivities = SiteURL("/schedules/activities")
    static let scheduleActivityNew = SiteURL("/schedules/activities/new")
    static let scheduleActivity = SiteURL("/schedules/activities/:activityID")
    static let scheduleActivityCancel = SiteURL("/schedules/activities/:activityID/cancel")
}

/// The API paths of 领导日程 (see ``APIURL``).
extension APIURL {
    static let scheduleActivities = APIURL("schedules/activities")
    static let scheduleActivity = APIURL("schedules/activities/:activityID")
    static let scheduleWeek = APIURL("schedules/week")
    static let scheduleWeekPublish = APIURL("schedules/week/publish")
    static let scheduleStatistics = APIURL("schedules/statistics")
}
