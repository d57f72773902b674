import Foundation

/// A value behind an `NSLock`, for state that threads and signal watchers share. Not `Synchronization.Mutex`:
/// ThreadSanitizer reports every use of a static `Mutex` as a race.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T, E: Error>(_ body: (inout Value) throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
