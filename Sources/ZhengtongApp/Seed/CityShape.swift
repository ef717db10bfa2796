import Foundation

/// The organisation of a generated city (`zhengtong seed`): a city government and its office, city bureaus,
/// and counties each with a government, an office, bureaus and townships — as many units and people as asked,
/// the people spread by the kind of unit (an office is larger than a township). Pure and deterministic for a seed.
struct CityShape {
    struct UnitPlan {
        var name: String
        var code: String
        var kind: Unit.Kind
        /// Index of the parent unit in `units`.
        var parent: Int?
        var departments: [String]
        var people: Int
        /// 机关代字 of the unit's 发文 (offices, bureaus, townships); nil for a government, whose office drafts.
        var issuerCode: String?
    }

    var units: [UnitPlan]

    static let cityName = "江北市"
    static let counties = ["清河县", "柳林区", "东山县", "西平县", "南湖区", "北岭县", "龙泉县", "青山县", "白水县", "石门县", "云溪区", "金川县",
                           "桃源县", "长乐县", "安平县", "永宁县", "新华区", "丰源县", "红星区", "太和县"]
    static let bureaus = ["发展和改革局", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
                          "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局",
                          "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局",
                          "体育局", "信访局", "机关事务管理局", "档案馆", "数据资源局"]
    static let townships = ["城关镇", "石桥镇", "河口镇", "新集镇", "柳河乡", "白马镇", "青龙乡", "双河镇", "黄土岭乡", "高坪镇", "东关街道",
                            "西关街道", "桥头镇", "马家乡", "杨柳镇"]
    static let officeDepartments = ["秘书科", "文电科", "综合科", "督查科", "信息科"]
    static let bureauDepartments = ["办公室", "政策法规科", "业务一科", "业务二科", "计划财务科"]
    static let townshipDepartments = ["党政办公室", "经济发展办公室", "社会事务办公室"]

    /// `units` ≥ 2 and `people` ≥ 2 per unit are expected; fewer are raised to that.
    static func make(units total: Int, people: Int, random: inout SeededRandom) -> CityShape {
        let total = max(2, total)
        // About one county per 30 units: the shape of a real prefecture-level city (12 counties for 375 units).
        let countyCount = min(counties.count, max(1, (total - 2) / 30))
        var units: [UnitPlan] = [
            UnitPlan(name: cityName + "人民政府", code: "jb", kind: .government, parent: nil, departments: [], people: 0, issuerCode: nil),
            UnitPlan(name: cityName + "人民政府办公室", code: "jb-zfb", kind: .office, parent: 0, departments: officeDepartments, people: 0,
                     issuerCode: "江政办发"),
        ]
        var countyOffices: [Int] = []
        for (index, county) in counties.prefix(countyCount).enumerated() where units.count + 2 <= total {
            let government = units.count
            let short = String(county.prefix(1))
            units.append(UnitPlan(name: county + "人民政府", code: "c\(index + 1)", kind: .government, parent: 0, departments: [], people: 0,
                                  issuerCode: nil))
            units.append(UnitPlan(name: county + "人民政府办公室", code: "c\(index + 1)-zfb", kind: .office, parent: government,
                                  departments: officeDepartments.map { $0.replacingOccurrences(of: "科", with: "股") }, people: 0,
                                  issuerCode: short + "政办发"))
            countyOffices.append(government)
        }
        // The rest in turns: a city bureau, then a bureau and a township of each county, until the count is reached.
        var cityBureaus = 0
        var countyBureaus = Array(repeating: 0, count: countyOffices.count)
        var countyTownships = Array(repeating: 0, count: countyOffices.count)
        var turn = 0
        while units.count < total {
            defer { turn += 1 }
            let slot = turn % (1 + 2 * max(1, countyOffices.count))
            if slot == 0 || countyOffices.isEmpty {
                let name = numbered(bureaus, cityBureaus)
                units.append(UnitPlan(name: cityName + name, code: "jb-b\(cityBureaus + 1)", kind: .bureau, parent: 0,
                                      departments: bureauDepartments, people: 0, issuerCode: "江\(name.prefix(1))\(cityBureaus + 1)发"))
                cityBureaus += 1
                continue
            }
            let county = (slot - 1) / 2
            let government = countyOffices[county]
            let countyName = counties[county]
            if slot % 2 == 1 {
                let name = numbered(bureaus, countyBureaus[county])
                units.append(UnitPlan(name: countyName + name, code: "c\(county + 1)-b\(countyBureaus[county] + 1)", kind: .bureau,
                                      parent: government, departments: bureauDepartments,
                                      people: 0, issuerCode: "\(countyName.prefix(1))\(name.prefix(1))\(countyBureaus[county] + 1)发"))
                countyBureaus[county] += 1
            } else {
                let name = numbered(townships, countyTownships[county])
                units.append(UnitPlan(name: name + "人民政府", code: "c\(county + 1)-t\(countyTownships[county] + 1)", kind: .township,
                                      parent: government, departments: townshipDepartments,
                                      people: 0, issuerCode: "\(name.prefix(2))\(countyTownships[county] + 1)发"))
                countyTownships[county] += 1
            }
        }
        spread(people: people, over: &units, random: &random)
        return CityShape(units: units)
    }

    /// A name from the list, with a number once the list is used up (第二城关镇 would not be real, 城关镇2 is honest).
    private static func numbered(_ names: [String], _ index: Int) -> String {
        let name = names[index % names.count]
        return index < names.count ? name : name + String(index / names.count + 1)
    }

    /// Shares the people out by weight (office 40, bureau 20, township 16, government 5), at least enough for
    /// every post a process needs; departments are cut down when a unit is too small for them.
    private static func spread(people: Int, over units: inout [UnitPlan], random: inout SeededRandom) {
        func weight(_ kind: Unit.Kind) -> Double {
            switch kind {
            case .office: 40
            case .bureau: 20
            case .township: 16
            case .government: 5
            case .other: 10
            }
        }
        let totalWeight = units.reduce(0) { $0 + weight($1.kind) }
        var given = 0
        for index in units.indices {
            let share = Int((Double(people) * weight(units[index].kind) / totalWeight).rounded(.down))
            // A government needs its leaders; a unit that drafts needs a leader, a head per department and a clerk.
            let minimum = units[index].kind == .government ? 2 : 4
            units[index].people = max(minimum, share)
            given += units[index].people
        }
        // Whatever rounding left goes to units in turn (a bigger city means more staff, not more units).
        var index = 0
        while given < people {
            units[index % units.count].people += 1
            given += 1
            index += 1 + Int(random.next() % 3)
        }
        for index in units.indices where !units[index].departments.isEmpty {
            // Leader + head of each department + at least one more person in the first department.
            let fits = max(1, units[index].people - 2)
            units[index].departments = Array(units[index].departments.prefix(fits))
        }
    }
}
