import Fluent
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing
import Vapor
import VaporTestUtils
import VaporTesting
@testable import ZhengtongApp

@Suite("OpenAPI 文档")
struct OpenAPITests {
    @Test("每个已注册的 /api 路由都在 OpenAPI 文档中（路径与方法）")
    func everyRouteDocumented() async throws {
        try await withApp { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let apiRoutes = app.routes.all.filter { $0.path.first?.description == "api" }
            #expect(!apiRoutes.isEmpty)
            for route in apiRoutes {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                let methods = paths[path]
                #expect(methods != nil, "\(path) is missing from openapi.json")
                #expect(methods?[route.method.rawValue.lowercased()] != nil, "\(route.method.rawValue) \(path) is missing from openapi.json")
            }
        }
    }
}
