import Foundation

/// The first line a helper process (a real server the tests run: mail, SMS gateway, identity provider) writes —
/// its `READY port …` line — or what it wrote before ending when it failed to start.
func firstLine(of output: Pipe) -> String {
    var line = Data()
    let handle = output.fileHandleForReading
    while true {
        let byte = handle.readData(ofLength: 1)
        if byte.isEmpty || byte == Data("\n".utf8) { break }
        line.append(byte)
    }
    return String(decoding: line, as: UTF8.self)
}
