import Foundation

/// What a Python script printed and how it ended.
public struct PythonRun: Sendable {
    public var status: Int32
    public var output: String

    /// Runs `python3 ARGUMENTS...` to its end. Standard error goes into `output` too unless
    /// `standardErrorSeparate` (then only standard output is read, as a scorer's result line).
    public static func run(_ arguments: [String], standardErrorSeparate: Bool = false) throws -> PythonRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        if !standardErrorSeparate { process.standardError = output }
        try process.run()
        // Read before waiting: a script printing more than the pipe holds would block otherwise.
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return PythonRun(status: process.terminationStatus, output: text)
    }
}
