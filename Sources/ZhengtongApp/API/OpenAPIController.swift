import Vapor

/// Serves the OpenAPI 3.1 description of `/api/v1` (kept by hand beside the code; a test
/// fails when a registered API route is missing from it).
struct OpenAPIController {
    func register(on routes: any RoutesBuilder) {
        routes.get("openapi.json", use: document)
    }

    @Sendable func document(req: Request) async throws -> Response {
        let data = try Data(contentsOf: BundledResources.openAPIDocument)
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}
