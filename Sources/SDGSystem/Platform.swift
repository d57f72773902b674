// The C library, imported in this one place for the whole package: every module that needs `open`, `pread`,
// `sysconf` or the C maths functions gets them by importing SDGSystem, whatever the operating system.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// What the package asks of the machine it runs on.
public enum Platform {
    /// Processors online, at least 1: how many pieces of work are worth running at once.
    public static let processorCount: Int = Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// The C library's message for `errno` (`strerror`).
    public static func errorMessage(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// Linux's `O_DIRECT` (writes that bypass the page cache), which the Swift overlay of glibc does not export
    /// (it is behind `_GNU_SOURCE`); its value differs between architectures. `nil` where there is none.
    public static let directIOFlag: Int32? = {
        #if os(Linux) && arch(x86_64)
        return 0o40000
        #elseif os(Linux) && arch(arm64)
        return 0o200000
        #else
        return nil
        #endif
    }()
}

extension sigaction {
    /// The plain handler (`sa_handler`), which glibc and Darwin keep under different names.
    public var plainHandler: (@convention(c) (Int32) -> Void)? {
        get {
            #if canImport(Darwin)
            __sigaction_u.__sa_handler
            #else
            __sigaction_handler.sa_handler
            #endif
        }
        set {
            #if canImport(Darwin)
            __sigaction_u.__sa_handler = newValue
            #else
            __sigaction_handler.sa_handler = newValue
            #endif
        }
    }
}
