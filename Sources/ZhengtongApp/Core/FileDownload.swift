import Foundation
import Vapor

/// A file sent to be saved, never shown inline: pages and the API answer file routes with it.
enum FileDownload {
    /// The UTF-8 name for browsers (RFC 5987) with an ASCII fallback; the name is cleaned again, so a
    /// record stored before names were cleaned cannot put a path or a header break into the answer.
    static func response(_ data: Data, contentType: String, name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        let encoded = UploadedFiles.cleanName(name, fallback: "document").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"document\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// A print view (GB/T 9704 as HTML) shown in the browser, never cached: pages and the API serve it alike.
    static func printView(_ html: String) -> Response {
        let response = Response(status: .ok, body: .init(string: html))
        response.headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
