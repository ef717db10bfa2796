import Logging
import NIOCore
import NIOPosix
import Vapor
import ZhengtongApp

// Swift Concurrency's tasks run on NIO's event loops (Vapor's template offers this): a request's handler, its
// database answers and its response then stay on one thread instead of hopping between two pools — a tenth of
// the CPU of a 待办 request was spent switching threads. Must come before anything is awaited.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

// The executable only builds the app from the library and runs the chosen command.
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)

let config: AppConfig
do {
    // `demo` always uses its own embedded database; every other command reads the environment.
    config = environment.arguments.dropFirst().first == "demo"
        ? try AppConfig.demo(arguments: environment.arguments)
        : try AppConfig.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}

let app = try await Application.make(environment)
do {
    try await configure(app, config: config)
    try await app.execute()
} catch let done as CommandExit {
    try? await app.asyncShutdown()
    exit(done.code)
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
