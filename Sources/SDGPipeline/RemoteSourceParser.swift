import Foundation
import SDGFetch
import SDGIngest
import Yams

/// The keys of a source by URL (`url:` or `sdmx:` instead of `path:`): the request, its checks, timeouts, retries
/// and what to do when the server fails (docs/pipeline.md, "Sources by URL").
enum RemoteSourceParser {
    static let keys = ["url", "sdmx", "sha256", "on_error", "auth", "timeout", "retries", "retry_delay", "max_wait"]
    static let sdmxKeys = ["api", "flow", "key", "start", "end", "format", "version", "params"]

    /// Where a source's data is: a file, or a server (then read from its copy in the cache).
    enum Address {
        case file(String)
        case remote(RemoteSource)
    }

    /// The address an entry gives by `path`, `url` or `sdmx` (exactly one), or nil when it has problems (recorded).
    static func address(
        name: String, fields: [String: Node], format: SourceFormat, _ yaml: YAMLReader, near node: Node
    ) -> Address? {
        let path = "sources.\(name)"
        if fields["path"] != nil, fields["url"] == nil, fields["sdmx"] == nil {
            for key in keys where fields[key] != nil {
                yaml.problem(fields[key], "`\(path).\(key)` applies to a source by `url` or `sdmx` only")
            }
            guard let file = yaml.string(fields["path"], at: "\(path).path") else { return nil }
            if file.isEmpty { yaml.problem(fields["path"], "`\(path).path` is empty") }
            return file.isEmpty ? nil : .file(file)
        }
        guard let remote = parse(name: name, fields: fields, format: format, yaml, near: node) else { return nil }
        return .remote(remote)
    }

    /// The remote source an entry describes, or nil (its problems recorded).
    static func parse(
        name: String, fields: [String: Node], format: SourceFormat, _ yaml: YAMLReader, near node: Node
    ) -> RemoteSource? {
        let path = "sources.\(name)"
        let given = ["path", "url", "sdmx"].filter { fields[$0] != nil }
        if given.count != 1 {
            yaml.problem(
                node,
                given.isEmpty
                    ? "`\(path)` needs `path` (a file), `url` (an http(s) address) or `sdmx` (an SDMX REST query)"
                    : "`\(path)` has \(given.map { "`\($0)`" }.joined(separator: " and ")); give only one of them")
            return nil
        }
        var source: RemoteSource
        if let urlNode = fields["url"] {
            guard let url = yaml.string(urlNode, at: "\(path).url") else { return nil }
            guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(),
                ["http", "https"].contains(scheme), parts.host?.isEmpty == false
            else {
                yaml.problem(urlNode, "`\(path).url` should be an http:// or https:// address, found '\(url)'")
                return nil
            }
            let fallback = format == .sdmx ? "xml" : "csv"
            source = RemoteSource(
                name: name, url: url, fileExtension: RemoteSource.fileExtension(of: url, fallback: fallback))
        } else {
            guard let query = sdmxQuery(fields["sdmx"]!, yaml, at: "\(path).sdmx") else { return nil }
            source = RemoteSource(name: name, url: query.url, fileExtension: query.fileExtension)
            source.accept = query.accept
        }
        if let sha = yaml.string(fields["sha256"], at: "\(path).sha256") {
            let hex = sha.lowercased().hasPrefix("sha256:") ? String(sha.dropFirst(7)) : sha
            if hex.count == 64, hex.allSatisfy(\.isHexDigit) {
                source.sha256 = hex.lowercased()
            } else {
                yaml.problem(fields["sha256"], "`\(path).sha256` should be 64 hexadecimal digits (`sha256sum FILE`)")
            }
        }
        if let onError = fields["on_error"].flatMap({
            yaml.choice($0, at: "\(path).on_error", as: RemoteSource.OnError.self)
        }) {
            source.onError = onError
        }
        if let auth = fields["auth"], let entries = yaml.mapping(auth, at: "\(path).auth", allowed: ["bearer_env"]) {
            if let variable = yaml.string(entries["bearer_env"], at: "\(path).auth.bearer_env") {
                if variable.isEmpty || !variable.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    yaml.problem(
                        entries["bearer_env"],
                        "`\(path).auth.bearer_env` is the name of an environment variable (letters, digits, _), not the token itself"
                    )
                } else {
                    source.bearerEnvironmentVariable = variable
                }
            }
        }
        if let timeout = fields["timeout"],
            let entries = yaml.mapping(timeout, at: "\(path).timeout", allowed: ["connect", "idle"])
        {
            if let connect = seconds(entries["connect"], yaml, at: "\(path).timeout.connect") {
                source.connectTimeout = connect
            }
            if let idle = seconds(entries["idle"], yaml, at: "\(path).timeout.idle") { source.idleTimeout = idle }
        }
        if let node = fields["retries"] {
            if let retries = node.scalar.flatMap({ Int($0.string) }), (0...10).contains(retries) {
                source.retries = retries
            } else {
                yaml.problem(node, "`\(path).retries` should be a whole number from 0 to 10")
            }
        }
        if let delay = fields["retry_delay"].flatMap({ seconds($0, yaml, at: "\(path).retry_delay", zero: true) }) {
            source.retryDelay = delay
        }
        if let wait = fields["max_wait"].flatMap({ seconds($0, yaml, at: "\(path).max_wait", zero: true) }) {
            source.maxRetryWait = wait
        }
        return source
    }

    static func sdmxQuery(_ node: Node, _ yaml: YAMLReader, at path: String) -> SDMXQuery? {
        guard let fields = yaml.mapping(node, at: path, allowed: sdmxKeys),
            let api = yaml.requiredString(fields, "api", at: path, near: node),
            let flow = yaml.requiredString(fields, "flow", at: path, near: node)
        else { return nil }
        var query = SDMXQuery(api: api, flow: flow)
        query.key = yaml.string(fields["key"], at: "\(path).key")
        query.start = yaml.string(fields["start"], at: "\(path).start")
        query.end = yaml.string(fields["end"], at: "\(path).end")
        if let format = fields["format"].flatMap({ yaml.choice($0, at: "\(path).format", as: SDMXQuery.Format.self) }) {
            query.format = format
        }
        if let version = fields["version"].flatMap({
            yaml.choice($0, at: "\(path).version", as: SDMXQuery.APIVersion.self)
        }) {
            query.version = version
        }
        query.parameters = yaml.stringMap(fields["params"], at: "\(path).params").sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
        if let problem = query.problem {
            yaml.problem(node, "`\(path)`: \(problem)")
            return nil
        }
        return query
    }

    private static func seconds(_ node: Node?, _ yaml: YAMLReader, at path: String, zero: Bool = false) -> Double? {
        guard let value = yaml.double(node, at: path) else { return nil }
        guard value > 0 || (zero && value == 0), value <= 3600 else {
            yaml.problem(node, "`\(path)` should be a number of seconds\(zero ? " from 0" : " above 0") up to 3600")
            return nil
        }
        return value
    }
}
