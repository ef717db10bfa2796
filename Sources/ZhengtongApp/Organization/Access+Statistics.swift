import Foundation

extension Access {
    /// Units whose 效能统计 the person sees: their own unit; a leader (a post for the whole unit) also the units
    /// under it; holders of `statistics.view` (监察) and of `assessment.manage` (who defines 考核 schemes) what their
    /// grants cover. Anyone else's figures answer 404, as if the unit had none.
    var statisticsScope: UnitScope {
        UnitScope.units(leadsUnit ? tree.subtree(of: unitID) : [unitID])
            .union(scope(of: .statisticsView))
            .union(scope(of: .assessmentManage))
    }

    /// Whether the person sees more than their own unit (the 统计 overview lists units; others go straight to theirs).
    var seesOtherUnitsStatistics: Bool { statisticsScope != .units([unitID]) }

    /// 404 unless `unit`'s figures are the person's to see.
    func requireStatistics(of unit: UUID) throws {
        guard statisticsScope.contains(unit) else { throw AppError.notFound() }
    }

    /// Whether the person may define 考核 schemes at all (the admin section and the API's writes).
    var managesAssessment: Bool { has(.assessmentManage) }

    /// 404 unless the person manages 考核 over the scheme's organising unit (a scheme one does not manage is not
    /// one's to change, whatever one sees of its ranking).
    func requireAssessmentManagement(of ownerUnit: UUID) throws {
        guard covers(.assessmentManage, unit: ownerUnit) else { throw AppError.notFound() }
    }

    /// Units a scheme made by this person may score: what their `assessment.manage` grants cover.
    var assessableUnits: UnitScope { scope(of: .assessmentManage) }
}
