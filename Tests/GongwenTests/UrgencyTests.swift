import Testing
import Gongwen

@Suite("紧急程度")
struct UrgencyTests {
    @Test(arguments: [
        (Urgency.extraUrgent, "特急"),
        (.urgent, "加急"),
        (.flash, "特提"),
        (.priority, "平急"),
    ])
    func titlesRoundTrip(urgency: Urgency, title: String) {
        #expect(urgency.title == title)
        #expect(Urgency(title: title) == urgency)
    }

    @Test func rejectsUnknownMarks() {
        #expect(Urgency(title: "紧急") == nil)
        #expect(Urgency(title: "") == nil)
    }

    @Test func onlyTelegramsUseFlashAndPriority() {
        #expect(Urgency.allCases.filter(\.isForTelegramsOnly) == [.flash, .priority])
    }
}
