/// The texts of `zhengtong seed` (see ``Strings``).
extension Strings {
    enum Seed {
        static let help = "生成城市规模的基准测试数据（单位、人员、三年的公文、三个月的通知公告）/ fill an empty database with a city for the benchmarks"
        static let notEmpty = "数据库中已有单位：seed 只填充空数据库。/ the database already has units: seed fills an empty database only"
        static let organisationStage = "单位和人员 / organisation"
        static let documentsStage = "公文 / documents"
        static let noticesStage = "通知公告 / notices"
        static let noticeColumn = "通知公告"
        static func noticeBody(_ unit: String) -> String {
            "各有关单位：\n# 一、工作要求\n- 请高度重视，认真组织落实。\n- 遇有重要情况及时报告。\n# 二、联系方式\n\(unit)，联系电话：0000-0000000。"
        }
        static func progress(_ progress: SeedProgress) -> String {
            "\(progress.stage)：\(progress.done)/\(progress.total)，累计 \(progress.rows) 行，\(Int(progress.rowsPerSecond)) 行/秒，"
                + "已用 \(Int(progress.elapsed)) 秒，预计还需 \(Int(progress.remaining)) 秒 / \(Int(progress.rowsPerSecond)) rows/s, ETA \(Int(progress.remaining)) s"
        }
        static func finished(_ report: CitySeeder.Report) -> String {
            "已生成 \(report.units) 个单位、\(report.users) 人、\(report.documents) 份公文（共 \(report.rows) 行），用时 \(Int(report.seconds)) 秒。"
                + "所有人员的密码：\(CitySeeder.password) / done in \(Int(report.seconds)) s"
        }
        static let badNow = "--now 应为 YYYY-MM-DD 形式的日期。/ --now must be a date YYYY-MM-DD"
    }
}
