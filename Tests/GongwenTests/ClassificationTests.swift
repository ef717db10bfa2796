import Testing
import Gongwen

@Suite("密级")
struct ClassificationTests {
    @Test func titles() {
        #expect(Classification.topSecret.title == "绝密")
        #expect(Classification.secret.title == "机密")
        #expect(Classification.confidential.title == "秘密")
    }

    @Test func parsesTitles() {
        #expect(Classification(title: "绝密") == .topSecret)
        #expect(Classification(title: "机密") == .secret)
        #expect(Classification(title: "秘密") == .confidential)
        #expect(Classification(title: "内部") == nil)
        #expect(Classification(title: "") == nil)
    }

    @Test func aCompilationTakesTheHighestLevel() {
        #expect([Classification.confidential, .topSecret, .secret].max() == .topSecret)
        #expect([Classification.confidential, .secret].max() == .secret)
        #expect(Classification.confidential < .secret)
        #expect(Classification.secret < .topSecret)
    }
}
