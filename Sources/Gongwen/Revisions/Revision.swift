import Foundation

/// One saved version of a document's text in its 痕迹保留 chain: who saved it, at which step, and when.
public struct Revision: Hashable, Sendable {
    /// The person who saved this version.
    public var author: String
    /// The step at which it was saved (拟稿, 核稿, 签发 …).
    public var step: String
    public var time: Date
    public var text: String

    public init(author: String, step: String, time: Date, text: String) {
        self.author = author
        self.step = step
        self.time = time
        self.text = text
    }
}
