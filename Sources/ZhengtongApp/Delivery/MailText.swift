import Foundation
import Gongwen

/// The text of a notification e-mail (RFC 5322 with MIME): UTF-8 throughout, the subject as encoded words, the body
/// in base64, so Chinese passes every relay unchanged.
enum MailText {
    static func render(_ message: SMTPMessage, from: String, at now: Date) -> String {
        let headers = [
            "From: \(encodedWords(Strings.MessageDelivery.mailSenderName)) <\(from)>",
            "To: <\(message.to)>",
            "Subject: \(encodedWords(message.subject))",
            "Date: \(date(now))",
            "Message-ID: <\(message.id.uuidString.lowercased())@zhengtong>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + wrapped(Data(message.body.utf8).base64EncodedString())
    }

    /// `=?UTF-8?B?…?=` words of at most 45 bytes of text each (75 characters with the markers, RFC 2047 §2), never
    /// splitting a character.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// Base64 in lines of 76 characters.
    static func wrapped(_ base64: String) -> String {
        var lines: [Substring] = []
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\r\n")
    }

    /// A line starting with `.` gets another (RFC 5321 §4.5.2), so it cannot end the message early.
    static func dotStuffed(_ text: String) -> String {
        text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .beijing
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
