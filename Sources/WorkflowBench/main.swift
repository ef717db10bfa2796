import Foundation

// workflow-bench: the workflow engine alone, in memory (benchmarks/README.md, issue 7).
let options: BenchOptions
do {
    options = try BenchOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("workflow-bench: \(error)\n\n\(BenchOptions.usage)\n".utf8))
    exit(2)
}
do {
    let result = try BenchDriver(options: options).run(instances: options.instances, rounds: options.rounds, warmUp: options.warmUpInstances)
    print(options.json ? result.json : result.line)
} catch {
    FileHandle.standardError.write(Data("workflow-bench: \(error)\n".utf8))
    exit(1)
}
