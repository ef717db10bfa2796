import Foundation
import Gongwen

/// A processing form (发文稿纸, 收文处理笺) as one self-contained HTML file for the archive: the same particulars
/// and opinions the page shows, with its own small stylesheet and nothing to fetch, so it opens anywhere, years later.
enum ArchiveFormHTML {
    struct Entry {
        var text: String
        var person: String
        var time: String
    }

    static func render(heading: String, facts: [(String, String)], boxes: [(String, [Entry])]) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(escape(heading))</title>\n<style>\n"
        html += "body{font-family:\"FangSong\",\"仿宋\",\"Noto Serif CJK SC\",serif;margin:20mm;color:#000}"
        html += "h1{color:#c00;text-align:center;font-size:22pt;letter-spacing:.2em}"
        html += "table{width:100%;border-collapse:collapse}th,td{border:1px solid #c00;padding:6px 8px;vertical-align:top}"
        html += "th{color:#c00;width:7em;font-weight:normal}.who{float:right;font-size:10pt;color:#333}p{margin:0 0 6px}\n"
        html += "</style>\n</head>\n<body>\n<h1>\(escape(heading))</h1>\n<table>\n"
        for (label, value) in facts {
            html += "<tr><th>\(escape(label))</th><td>\(escape(value))</td></tr>\n"
        }
        for (label, entries) in boxes {
            html += "<tr><th>\(escape(label))</th><td>"
            for entry in entries {
                html += "<p>\(escape(entry.text)) <span class=\"who\">\(escape(entry.person)) \(escape(entry.time))</span></p>"
            }
            html += "</td></tr>\n"
        }
        return html + "</table>\n</body>\n</html>\n"
    }

    static func outgoing(_ page: OutgoingProcessingForm) -> String {
        let t = Strings.page
        let facts = [(t["form_number"]!, page.number), (t["form_classification"]!, page.classification), (t["form_urgency"]!, page.urgency),
                     (t["form_title"]!, page.title), (t["form_drafter_unit"]!, page.drafterUnit), (t["form_drafter"]!, page.drafter),
                     (t["form_main"]!, page.mainRecipients), (t["form_cc"]!, page.ccRecipients), (t["form_attachments"]!, page.attachments)]
        let boxes = ([page.signBox] + page.boxes).map { box in
            (box.label, box.opinions.map { Entry(text: [$0.text, $0.outcome.map { "（\($0)）" } ?? ""].joined(), person: $0.person, time: $0.time) })
        }
        return render(heading: page.heading, facts: facts, boxes: boxes)
    }

    static func incoming(_ form: IncomingProcessingForm) -> String {
        let t = Strings.page
        let document = form.document
        let facts = [(t["incoming_sender"]!, document.senderName), (t["incoming_sender_number"]!, document.senderNumber ?? ""),
                     (t["incoming_number"]!, document.registrationNumber), (t["incoming_received"]!, document.receivedText),
                     (t["incoming_doc_title"]!, document.title), (t["incoming_urgency"]!, document.urgencyLabel ?? ""),
                     (t["incoming_copies"]!, String(document.copies)), (t["incoming_due"]!, document.dueText ?? "")]
        var boxes = form.checks.map { (t["form_check"]!, [Entry(text: ($0.opinion ?? "") + ($0.outcome.map { "（\($0)）" } ?? ""), person: $0.person, time: $0.timeText)]) }
        boxes += form.boxes.map { box in (box.label, box.opinions.map { Entry(text: $0.opinion ?? "", person: $0.person, time: $0.timeText) }) }
        boxes.append((t["incoming_circulation"]!, document.readers.map { Entry(text: "\($0.stateLabel) \($0.comment ?? "")", person: $0.person, time: $0.readText ?? "") }))
        return render(heading: form.heading, facts: facts, boxes: boxes)
    }

    private static func escape(_ text: String) -> String {
        MarkupEscaping.escape(text)
    }
}
