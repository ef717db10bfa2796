/// What `workflow-bench` was asked to measure, read from the command line.
struct BenchOptions: Sendable {
    /// The BPMN file; its first process is run unless `processID` names another.
    var processPath: String
    var processID: String?
    /// Instances started, and then driven to their end, in each round of the measured run.
    var instances = 20_000
    /// Rounds of `instances` fresh instances, their times added up: a longer measurement without holding
    /// more instances in memory at once.
    var rounds = 1
    /// Instances run to their end before measuring, so the measured run does not pay for first use.
    var warmUpInstances = 2_000
    /// How many department heads 办公室审核 sends the document to for 会签 (0: no 会签).
    var countersigners = 3
    /// One JSON object instead of the readable line.
    var json = false

    static let usage = """
        usage: workflow-bench --process PATH.bpmn [--process-id ID] [--instances N] [--rounds R] [--warm-up N] [--countersigners K] [--json]

        Parses the BPMN file once, starts N instances (starts/s), then completes every open task of every
        instance until all have ended (completions/s); R rounds of that, times added up. The engine alone,
        in memory: no database.
        """

    /// A mistake on the command line, said so that the user can fix it.
    struct Mistake: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws(Mistake) {
        var path: String?
        var remaining = arguments[...]
        func value(of flag: String) throws(Mistake) -> String {
            guard let value = remaining.popFirst(), !value.hasPrefix("--") else { throw Mistake(description: "\(flag) needs a value") }
            return value
        }
        func count(of flag: String, minimum: Int) throws(Mistake) -> Int {
            let text = try value(of: flag)
            guard let number = Int(text.filter { $0 != "_" }), number >= minimum else {
                throw Mistake(description: "\(flag) needs a whole number of at least \(minimum), not \(text)")
            }
            return number
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--process": path = try value(of: argument)
            case "--process-id": processID = try value(of: argument)
            case "--instances": instances = try count(of: argument, minimum: 1)
            case "--rounds": rounds = try count(of: argument, minimum: 1)
            case "--warm-up": warmUpInstances = try count(of: argument, minimum: 0)
            case "--countersigners": countersigners = try count(of: argument, minimum: 0)
            case "--json": json = true
            default: throw Mistake(description: "unknown argument \(argument)")
            }
        }
        guard let path else { throw Mistake(description: "--process PATH.bpmn is required") }
        processPath = path
    }
}
