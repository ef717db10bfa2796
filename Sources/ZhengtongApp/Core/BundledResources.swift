import Foundation

/// Finds the templates and static files shipped with the binary.
///
/// SwiftPM copies them into `Zhengtong_ZhengtongApp.resources` beside the executable, so a service
/// manager can start the binary from any working directory. Deployers may point
/// `ZHENGTONG_TEMPLATES_DIR` / `ZHENGTONG_PUBLIC_DIR` at their own copies instead.
enum BundledResources {
    static var viewsDirectory: String { directory("Views") }
    static var publicDirectory: String { directory("Public") }
    static var openAPIDocument: URL { URL(fileURLWithPath: directory("openapi.json")) }
    /// The processes every installation starts with (BPMN files), deployed by `demo`.
    static var processesDirectory: String { directory("Processes") }

    private static func directory(_ name: String) -> String {
        let url = Bundle.module.resourceURL ?? Bundle.module.bundleURL
        return url.appendingPathComponent(name).path
    }
}
