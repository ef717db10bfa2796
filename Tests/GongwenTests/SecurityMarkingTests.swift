import Testing
import Gongwen

@Suite("密级和保密期限")
struct SecurityMarkingTests {
    @Test func joinsLevelAndPeriodWithABlackStar() {
        #expect(SecurityMarking(classification: .secret, period: .years(1)).formatted == "机密★1年")
        #expect(SecurityMarking(classification: .secret, period: .years(1)).formatted == "机密\u{2605}1年")
        #expect(SecurityMarking(classification: .topSecret, period: .years(30)).formatted == "绝密★30年")
        #expect(SecurityMarking(classification: .confidential, period: .months(6)).formatted == "秘密★6个月")
        #expect(SecurityMarking(classification: .topSecret, period: .longTerm).formatted == "绝密★长期")
    }

    @Test func withoutAPeriodShowsOnlyTheLevel() {
        #expect(SecurityMarking(classification: .secret).formatted == "机密")
        #expect(SecurityMarking(classification: .confidential, period: nil).formatted == "秘密")
    }
}
