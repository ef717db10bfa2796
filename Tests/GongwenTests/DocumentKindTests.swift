import Testing
import Gongwen

@Suite("文种")
struct DocumentKindTests {
    @Test func thereAreFifteenKindsInTheRegulationsOrder() {
        #expect(DocumentKind.allCases.map(\.title) == [
            "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知",
            "通报", "报告", "请示", "批复", "议案", "函", "纪要",
        ])
    }

    @Test(arguments: [
        (DocumentKind.resolution, DocumentDirection.downward),
        (.decision, .downward),
        (.order, .downward),
        (.communique, .downward),
        (.announcement, .downward),
        (.publicNotice, .downward),
        (.opinion, .downward),
        (.notice, .downward),
        (.circular, .downward),
        (.report, .upward),
        (.request, .upward),
        (.reply, .downward),
        (.motion, .upward),
        (.letter, .parallel),
        (.minutes, .downward),
    ])
    func direction(kind: DocumentKind, expected: DocumentDirection) {
        #expect(kind.direction == expected)
    }

    @Test func onlyUpwardKindsRequireASigner() {
        let requiringSigner = DocumentKind.allCases.filter(\.requiresSigner)
        #expect(requiringSigner == [.report, .request, .motion])
    }

    @Test func parsesEveryTitleBack() {
        for kind in DocumentKind.allCases {
            #expect(DocumentKind(title: kind.title) == kind)
        }
    }

    @Test func acceptsTheShortNameOfAnOrder() {
        #expect(DocumentKind(title: "令") == .order)
        #expect(DocumentKind(title: "命令") == .order)
    }

    @Test(arguments: ["", "公函", "通知书", "命令（令）", "notice", "Notice"])
    func rejectsUnknownTitles(title: String) {
        #expect(DocumentKind(title: title) == nil)
    }

    @Test func storesStableEnglishCodes() {
        #expect(DocumentKind.publicNotice.rawValue == "publicNotice")
        #expect(DocumentKind(rawValue: "letter") == .letter)
    }

    @Test func directionsHaveChineseTitles() {
        #expect(DocumentDirection.allCases.map(\.title) == ["上行文", "下行文", "平行文"])
    }
}
