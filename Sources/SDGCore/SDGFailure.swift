/// What kind of failure ended a command; it decides the exit code a scheduler sees. Every module's error
/// type says which category it belongs to, and the executable maps categories to codes in one function.
public enum FailureCategory: Sendable, Hashable {
    /// Invalid arguments or pipeline file: exit 2.
    case usage
    /// Input data unusable (missing, unreadable, malformed, too many rejects): exit 3.
    case inputData
    /// Output or database failure: exit 4.
    case output
    /// Another run holds the pipeline's lock: exit 75.
    case locked

    public var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .inputData: 3
        case .output: 4
        case .locked: 75
        }
    }
}

/// An error that knows its category and can say, in one or more lines, where the problem is and how to fix it.
public protocol SDGFailure: Error, CustomStringConvertible {
    var category: FailureCategory { get }
}
