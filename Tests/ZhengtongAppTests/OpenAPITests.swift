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

    @Test("OpenAPI 文档中的每个路径与方法都是已注册的路由")
    func everyDocumentedOperationExists() async throws {
        try await withApp { app in
            let registered = Set(app.routes.all.map { route in
                route.method.rawValue.lowercased() + " /" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
            })
            let documented = OpenAPIContract.shipped.operations
            #expect(documented.count > 40)
            for operation in documented {
                #expect(registered.contains("\(operation.method) \(operation.path)"),
                        "\(operation.method.uppercased()) \(operation.path) is in openapi.json but no such route is registered")
            }
        }
    }

    @Test("文档中每个 $ref 都能解析，每个模式只用校验器认识的关键字")
    func everySchemaIsCheckable() throws {
        let contract = OpenAPIContract.shipped
        var references: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let pointer = members["$ref"]?.string { references.append(pointer) }
                members.values.forEach(walk)
            case .array(let items):
                items.forEach(walk)
            default:
                break
            }
        }
        walk(contract.document)
        #expect(references.count > 100)
        for pointer in Set(references) {
            #expect(contract.validator.resolve(pointer) != nil, "\(pointer) does not resolve")
        }
        // Every schema, in the components and inline in the operations, is one the validator checks in full.
        var schemas: [(String, JSONValue)] = (contract.document["components"]?["schemas"]?.objectValue ?? [:]).map { ($0.key, $0.value) }
        func collect(_ value: JSONValue, _ path: String) {
            switch value {
            case .object(let members):
                if let schema = members["schema"] { schemas.append((path, schema)) }
                for (key, member) in members where key != "schema" { collect(member, path + "/" + key) }
            case .array(let items):
                for item in items { collect(item, path) }
            default:
                break
            }
        }
        collect(contract.document["paths"] ?? .null, "paths")
        collect(contract.document["components"]?["parameters"] ?? .null, "parameters")
        collect(contract.document["components"]?["responses"] ?? .null, "responses")
        for (name, schema) in schemas {
            let unknown = JSONSchemaValidator.uncheckedKeywords(in: schema)
            #expect(unknown.isEmpty, "\(name): \(unknown)")
        }
    }
}

/// The document's enumerations are the code's: a case added in Swift and not in the document (or the reverse) is
/// an answer a client was told cannot happen.
@Suite("OpenAPI 文档中的枚举")
struct OpenAPIEnumerationTests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: BundledResources.openAPIDocument)) as? [String: Any])
    }

    static func enumeration(_ path: [String]) throws -> Set<String> {
        var node: Any = try document()["components"] as Any
        for key in ["schemas"] + path { node = try #require((node as? [String: Any])?[key], "no \(path.joined(separator: "."))") }
        return Set(try #require((node as? [String: Any])?["enum"] as? [String], "\(path.joined(separator: ".")) has no enum"))
    }

    @Test("消息种类、工作台板块、回执内容、通知状态：文档与代码一致")
    func enumerationsMatchTheCode() throws {
        #expect(try Self.enumeration(["Notification", "properties", "kind"]) == Set(NotificationKind.allCases.map(\.rawValue)))
        #expect(try Self.enumeration(["DeskBlockName"]) == Set(DeskBlock.allCases.map(\.rawValue)))
        #expect(try Self.enumeration(["NoticeReplyField"]) == Set(NoticeReplyField.allCases.map(\.rawValue)))
        #expect(try Self.enumeration(["Notice", "properties", "status"]) == Set(Notice.Status.allCases.map(\.rawValue)))
    }
}
