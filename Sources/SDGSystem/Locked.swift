import Foundation

/// A value behind an `NSLock`, for state that threads and signal watchers share. Not `Synchronization.Mutex`:
/// ThreadSanitizer reports every use of a static `Mutex` as a race.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    public func withLock<T, E: Error>(_ body: (inout Value) throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// A value handed across threads where the code around it guarantees that no two threads use it at once (each
/// worker writes only its own part of a buffer; a value is handed over once, after which the sender no longer
/// touches it). Only this module uses it, beside the guarantee it relies on.
struct Unchecked<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
