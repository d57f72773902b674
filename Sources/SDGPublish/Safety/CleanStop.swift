import Foundation
import SDGSystem

/// Stops a run cleanly on SIGINT (Ctrl-C) or SIGTERM (`kill`, systemd, a container stop): what the run has
/// half-written (the staging folder, a staged database copy) is removed, the locks go with the process, the previous
/// outputs stay as they were, and the exit status is 128 + the signal (130, 143), as a shell reports it.
///
/// A signal handler may do almost nothing safely, so it only writes the signal number to a pipe; a thread that
/// reads the pipe does the clean-up and exits. The swap of a finished run (`critical`) is never cut in half: a stop
/// that arrives during it waits for it, and the run's new outputs are then complete.
package enum CleanStop {
    // NSLock rather than `Synchronization.Mutex`: ThreadSanitizer (`make test`) does not see the
    // futex that Mutex uses on Linux and reports every use as a race.
    private static let state = Locked(State())
    /// Held during a swap; a stop takes it (after the swap) and keeps it until the process exits. Its value (the
    /// swaps made) is never read: it is an `Int`, not `()`, because ThreadSanitizer took the access to a zero-sized
    /// value, which shares its address with the lock, for a race with the lock's own read.
    private static let swap = Locked(0)
    nonisolated(unsafe) private static var pipeWrite: Int32 = -1

    private struct State {
        var paths: [String: Int] = [:]
        var installed = false
        var swapped = false
        var pendingSignal: Int32?
    }

    /// Installs the handlers for SIGINT and SIGTERM (once per process; the executable calls it first thing).
    package static func install() {
        let first = state.withLock { state -> Bool in
            defer { state.installed = true }
            return !state.installed
        }
        guard first else { return }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        pipeWrite = fds[1]
        let readEnd = fds[0]
        Thread {
            var signalNumber: UInt8 = 0
            while read(readEnd, &signalNumber, 1) != 1 {}
            stop(signal: Int32(signalNumber))
        }.start()
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signalNumber in [SIGINT, SIGTERM] {
            // A background job started by a non-interactive shell has SIGINT ignored on purpose: it stays so.
            var current = sigaction()
            sigaction(signalNumber, nil, &current)
            if signalNumber == SIGINT, isIgnored(current) { continue }
            // A parent may hand down a blocked mask (some process launchers do): the run must still hear the stop.
            sigaddset(&unblock, signalNumber)
            var action = sigaction()
            action.plainHandler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(CleanStop.pipeWrite, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signalNumber, &action, nil)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        action.plainHandler.map { unsafeBitCast($0, to: Int.self) == 1 } ?? false
    }

    /// Marks `path` (a file or folder) as half-written: removed if the run is stopped before `forget(path)`.
    package static func remember(_ path: String) {
        state.withLock { $0.paths[path, default: 0] += 1 }
    }

    package static func forget(_ path: String) {
        state.withLock { state in
            if let n = state.paths[path], n > 1 { state.paths[path] = n - 1 } else { state.paths[path] = nil }
        }
    }

    /// Runs `body` (the swap of outputs and database) so that a stop waits for it to finish. A stop that arrived
    /// meanwhile ends the process as soon as `body` has (exit 128 + signal, saying the new outputs are in place),
    /// rather than racing the rest of the run to its exit status.
    package static func critical<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try swap.withLock { swaps throws(E) -> T in
            let result = try body()
            swaps += 1
            let pending = state.withLock { state in
                state.swapped = true
                return state.pendingSignal
            }
            if let pending { finish(signal: pending) }
            return result
        }
    }

    private static func stop(signal signalNumber: Int32) -> Never {
        state.withLock { $0.pendingSignal = signalNumber }
        // Holding the swap lock until the process exits: no swap starts after this point.
        swap.withLock { _ -> Never in finish(signal: signalNumber) }
    }

    /// Removes the half-written paths and exits; called with the swap lock held.
    private static func finish(signal signalNumber: Int32) -> Never {
        let name = signalNumber == SIGINT ? "SIGINT" : signalNumber == SIGTERM ? "SIGTERM" : "signal \(signalNumber)"
        let (paths, swapped) = state.withLock { (Array($0.paths.keys), $0.swapped) }
        for path in paths where FileManager.default.fileExists(atPath: path) {
            // Renamed first: a writer on another thread may still be adding files under the old name, and would make
            // the removal fail. A name that still starts with the original is removed by the next run if need be.
            let aside = path + ".stopped"
            let target = rename(path, aside) == 0 ? aside : path
            for _ in 0..<3 where FileManager.default.fileExists(atPath: target) {
                try? FileManager.default.removeItem(atPath: target)
            }
        }
        let outcome =
            swapped ? "the run's new outputs had already been put in place" : "the previous outputs are unchanged"
        let message = "sdgpipe: stopped by \(name); \(outcome).\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        _exit(128 + signalNumber)
    }
}
