import Foundation

extension Strings {
    /// 效能统计 and 考核.
    enum Statistics {
        static let outgoingVolume = "发文量"
        static let paperShare = "纸质分发占比"
        static let incomingVolume = "收文量"
        static let documentTimeAverage = "平均办理时长（件）"
        static let documentTimeP90 = "90%办理时长（件）"
        static let stepTimeAverage = "平均办理时长（环节）"
        static let stepTimeP90 = "90%办理时长（环节）"
        static let onTimeRate = "按时办结率"
        static let overdueCount = "逾期件数"
        static let returnCount = "退回次数"
        static let signIns = "访问量"
        static let acceptanceDelay = "平均签收时延"
        static let acceptanceDelayP90 = "90%签收时延"
        static let schemeEditedMeanwhile = "这个考核方案已被他人修改，请刷新后重新填写。"
        static let supervisionCompleted = "督办办结数"
        static let supervisionOnTimeRate = "督办按期办结率"
        static let supervisionReportsOnTime = "督办反馈及时率"
        /// The step name 督办 facts carry.
        static let supervisionStep = "督办"
        static let outgoingStep = "发文"
        static let incomingStep = "收文"
        static let noDepartment = "（未分部门）"
        static let noData = "无数据"

        static let overviewTitle = "效能统计"
        static let rankingsTitle = "考核排名"
        static let adminTitle = "考核方案"
        static let newSchemeTitle = "新建考核方案"
        static let schemeSaved = "考核方案已保存。"
        static let schemeDeleted = "考核方案已删除。"

        static let nameRequired = "请填写方案名称。"
        static let nameTooLong = "方案名称不能超过 100 字。"
        static let categoryRequired = "请填写单位类别（如 一类单位）。"
        static let categoryTooLong = "单位类别不能超过 50 字。"
        static let unitsRequired = "请至少选择一个参加考核的单位。"
        static let unitsOutOfScope = "所选单位中有不在您考核管理范围内的单位。"
        static let indicatorsRequired = "请至少设置一项考核指标。"
        static func figureUnknown(_ key: String) -> String { "没有名为 \(key) 的统计指标。" }
        static func figureTwice(_ label: String) -> String { "指标“\(label)”重复设置。" }
        static let weightInvalid = "权重（分值）应为大于 0、不超过 100 的数。"
        static let ruleUnknown = "请选择评分规则。"
        static let targetRequired = "“达标得分”规则须填写达标值。"
        static let periodInvalid = "统计期间应写作 2026、2026-H1、2026-Q3、2026-07 或 2026-03-01..2026-05-31。"
        static let figureMissing = "没有这项统计指标。"

        static let figureHeader = "指标"
        static let valueHeader = "数值"
        static let unitHeader = "单位"
        static let departmentHeader = "部门"
        static let rankHeader = "名次"
        static let totalHeader = "总分"
        static let stepHeader = ["环节", "办结数", "平均时长（小时）", "90%时长（小时）", "按时办结率（%）", "逾期件数", "退回次数"]
        static func pointsHeader(_ label: String) -> String { "\(label)得分" }
        static func unitTableTitle(_ unit: String, _ period: String) -> String { "\(unit)效能统计（\(period)）" }
        static func stepTableTitle(_ unit: String, _ period: String) -> String { "\(unit)各环节办理（\(period)）" }
        static func departmentTableTitle(_ unit: String, _ period: String) -> String { "\(unit)各部门（\(period)）" }
        static func overviewTableTitle(_ period: String) -> String { "各单位效能统计（\(period)）" }
        static func rankingTableTitle(_ scheme: String, _ period: String) -> String { "\(scheme)排名（\(period)）" }
        static func trendTitle(_ unit: String) -> String { "\(unit)发文、收文趋势" }
        static func distributionTitle(_ unit: String) -> String { "\(unit)公文办理时长分布" }
        static func barsTitle(_ figure: String) -> String { "各单位\(figure)" }
        static func monthLabel(_ month: Int) -> String { "\(month)月" }
        static func indicatorText(_ label: String, weight: String, rule: String, target: String?) -> String {
            "\(label) · \(weight) 分 · \(rule)" + (target.map { " · 达标值 \($0)" } ?? "")
        }

        static func ruleLabel(_ rule: ScoringRule) -> String {
            switch rule {
            case .ratioToBest: "与最优值之比"
            case .target: "达标得分"
            case .rank: "按名次"
            }
        }

        static func periodLabel(_ period: StatisticsPeriod) -> String {
            let (year, month, _) = period.first.civil
            switch period.kind {
            case .year: return "\(year)年"
            case .half: return month == 1 ? "\(year)年上半年" : "\(year)年下半年"
            case .quarter: return "\(year)年第\(["一", "二", "三", "四"][(month - 1) / 3])季度"
            case .month: return "\(year)年\(month)月"
            case .range: return "\(period.first.text) 至 \(period.last.text)"
            }
        }

        static func valueText(_ value: Double?, measure: FigureMeasure, source: String) -> String {
            guard let value else { return noData }
            switch measure {
            case .count, .misses:
                let unit = source == "signIns" ? "次" : source == "returns" ? "次" : "件"
                return "\(Int(value)) \(unit)"
            case .averageHours: return hours(value)
            case .p90Hours: return "≤ " + hours(value)
            case .hitRate: return String(format: "%.1f%%", value)
            }
        }

        static func hours(_ value: Double) -> String {
            if value >= 48 { return String(format: "%.1f 天", value / 24) }
            if value < 1 { return "\(Int((value * 60).rounded())) 分钟" }
            return String(format: "%.1f 小时", value)
        }

        /// The ranges of the handling-time distribution (upper bounds in seconds).
        static let distributionBins: [(label: String, upTo: Int)] = [
            ("1小时以内", 3600), ("1–4小时", 4 * 3600), ("4–8小时", 8 * 3600), ("8小时–1天", 86_400), ("1–2天", 2 * 86_400),
            ("2–3天", 3 * 86_400), ("3–5天", 5 * 86_400), ("5–7天", 7 * 86_400), ("7–14天", 14 * 86_400), ("14–30天", 30 * 86_400),
            ("30天以上", Int.max),
        ]
    }

    static let statisticsPage: [String: String] = [
        "nav_statistics": "统计",
        "statistics_title": "效能统计",
        "statistics_period": "统计期间",
        "statistics_show": "查看",
        "statistics_figure": "指标",
        "statistics_units": "各单位",
        "statistics_unit": "单位",
        "statistics_figures": "各项指标",
        "statistics_trend": "发文、收文趋势",
        "statistics_outgoing": "发文",
        "statistics_incoming": "收文",
        "statistics_distribution": "公文办理时长分布",
        "statistics_steps": "各环节办理",
        "statistics_departments": "各部门",
        "statistics_department": "部门",
        "statistics_step": "环节",
        "statistics_completed": "办结数",
        "statistics_average": "平均时长",
        "statistics_p90": "90%时长",
        "statistics_on_time": "按时办结率",
        "statistics_overdue": "逾期",
        "statistics_returns": "退回",
        "statistics_export_csv": "导出 CSV",
        "statistics_export_xlsx": "导出 Excel",
        "statistics_refreshed": "数据更新于",
        "statistics_refresh_hint": "统计数据每 5 分钟更新一次；已过去的日子不再变化。",
        "statistics_none": "本期间没有记录。",
        "statistics_rankings": "考核排名",
        "statistics_rankings_none": "还没有您可以查看的考核方案。",
        "statistics_rank": "名次",
        "statistics_total": "总分",
        "statistics_points": "得分",
        "statistics_category": "单位类别",
        "statistics_indicators": "考核指标",
        "statistics_weight": "分值",
        "statistics_rule": "评分规则",
        "statistics_target": "达标值",
        "statistics_scheme": "考核方案",
        "statistics_scheme_name": "方案名称",
        "statistics_scheme_units": "参加考核的单位",
        "statistics_scheme_new": "新建考核方案",
        "statistics_scheme_edit": "修改",
        "statistics_scheme_delete": "删除方案",
        "statistics_scheme_save": "保存",
        "statistics_scheme_none": "还没有考核方案。",
        "statistics_scheme_hint": "每个单位类别一个方案（如长顺县的三个类别）；指标从统计指标中选择，各有分值和评分规则。达标值按指标自身的单位填写（率为百分数，时长为小时）。留空的指标行不保存。",
        "statistics_rule_hint": "与最优值之比：最优单位得满分，其余按比例；达标得分：达到达标值得满分，否则不得分；按名次：第一名满分，最后一名零分，其余均分。",
        "statistics_ranking_of": "排名",
        "statistics_open_ranking": "查看排名",
        "statistics_chart_bars": "各单位对比",
        "statistics_breakdown": "得分明细",
        "admin_assessment": "考核方案",
        "admin_assessment_desc": "效能考核的单位类别、指标、分值与评分规则。",
    ]
}
