import Foundation

/// An RFC 5545 calendar of ``CalendarEntry`` values, written as a pure function of its input (no database, no clock
/// but `stamp`), so the rules are tested on the text itself.
///
/// What calendars rely on: CRLF line ends; content lines folded at 75 octets with the continuation starting with one
/// space, never inside a UTF-8 sequence (Chinese is three octets a character); TEXT values escaped (`\\`, `\;`, `\,`,
/// `\n`); one VTIMEZONE for Asia/Shanghai (+0800 all year: China keeps no daylight saving time) that every local
/// DTSTART/DTEND names; DTSTAMP in UTC; a UID stable across edits; a SEQUENCE that grows with each change; cancelled
/// entries kept with STATUS:CANCELLED so subscribed calendars remove them.
struct ICalendarWriter: Sendable {
    static let timeZoneID = "Asia/Shanghai"
    static let productID = "-//Zhengtong//Zhengtong Schedule 1.0//ZH"

    /// X-WR-CALNAME: the name a subscribing calendar shows.
    var name: String
    /// When the feed was produced (DTSTAMP).
    var stamp: Date
    /// Where the platform is reached, for each entry's URL (none when not configured).
    var baseURL: String?

    func document(_ entries: [CalendarEntry]) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + Self.productID,
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name),
            "X-WR-TIMEZONE:" + Self.timeZoneID,
            "BEGIN:VTIMEZONE",
            "TZID:" + Self.timeZoneID,
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0800",
            "TZOFFSETTO:+0800",
            "TZNAME:CST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
        for entry in entries { lines += event(entry) }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined()
    }

    private func event(_ entry: CalendarEntry) -> [String] {
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + entry.uid,
            "DTSTAMP:" + Self.utc(stamp),
            "DTSTART;TZID=\(Self.timeZoneID):" + Self.local(entry.start),
            "DTEND;TZID=\(Self.timeZoneID):" + Self.local(max(entry.end, entry.start)),
            "SEQUENCE:" + String(Self.sequence(entry.updatedAt)),
            "LAST-MODIFIED:" + Self.utc(entry.updatedAt),
            "SUMMARY:" + Self.escape(entry.title),
            "STATUS:" + (entry.cancelled ? "CANCELLED" : "CONFIRMED"),
            "CATEGORIES:" + Self.escape(Strings.CalendarPage.kindLabel(entry.kind)),
        ]
        if let location = entry.location, !location.isEmpty { lines.append("LOCATION:" + Self.escape(location)) }
        if let detail = entry.detail, !detail.isEmpty { lines.append("DESCRIPTION:" + Self.escape(detail)) }
        if let baseURL, let path = entry.path { lines.append("URL:" + baseURL + path) }
        lines.append("END:VEVENT")
        return lines
    }

    /// A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        var pendingCR = false
        while let scalar = scalars.next() {
            if pendingCR {
                pendingCR = false
                result += "\\n"
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": pendingCR = true
            default:
                // Other control characters are not allowed in TEXT (3.3.11): dropped.
                if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        if pendingCR { result += "\\n" }
        return result
    }

    /// One content line, folded (3.1): at most 75 octets a line before the CRLF, continuation lines starting with a
    /// space; a break never falls inside a character's UTF-8 octets.
    static func fold(_ line: String) -> String {
        var result = ""
        var width = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let octets = String(scalar).utf8.count
            if width + octets > limit {
                result += "\r\n "
                width = 1
                limit = 75
            }
            result.unicodeScalars.append(scalar)
            width += octets
        }
        return result + "\r\n"
    }

    /// A local date-time in Asia/Shanghai (`20261207T093000`), for DTSTART and DTEND with TZID.
    static func local(_ date: Date) -> String {
        stamp(date, offset: 8 * 3600, suffix: "")
    }

    /// A UTC date-time (`20261207T013000Z`), for DTSTAMP and LAST-MODIFIED.
    static func utc(_ date: Date) -> String {
        stamp(date, offset: 0, suffix: "Z")
    }

    /// Grows with every change: the seconds from 2026-01-01 UTC to the entry's last change.
    static func sequence(_ updatedAt: Date) -> Int {
        max(0, Int(updatedAt.timeIntervalSince1970 - 1_767_225_600))
    }

    private static func stamp(_ date: Date, offset: TimeInterval, suffix: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: Int(offset))!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + suffix
    }
}
