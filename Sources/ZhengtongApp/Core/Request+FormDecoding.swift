import NIOHTTP1
import Vapor

extension Request {
    /// Decodes a posted form. A form that carries a file (`multipart/form-data`) is parsed on the thread pool: the
    /// parser walks the body byte by byte, and an upload of up to 20 MB must not hold an event loop — and every
    /// other request on it, `/healthz` included — while it does. Other forms are small and decode in place.
    func decodeForm<Form: Decodable & Sendable>(_ type: Form.Type) async throws -> Form {
        guard headers.contentType?.type == "multipart", let body = body.data else { return try content.decode(Form.self) }
        let headers = headers
        return try await application.threadPool.runIfActive { try FormDataDecoder().decode(Form.self, from: body, headers: headers) }
    }
}
