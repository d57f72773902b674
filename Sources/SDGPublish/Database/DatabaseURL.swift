import Foundation

/// Database URLs as messages and manifests may show them.
public enum DatabaseURL {
    /// `postgres://user:secret@host/db` → `postgres://user:***@host/db`: a password never reaches a log.
    public static func redacted(_ url: String) -> String {
        url.replacingOccurrences(of: #"(//[^:/@]*):[^@/]*@"#, with: "$1:***@", options: .regularExpression)
    }
}
