import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

extension FeedFetcher {
    /// Whether another attempt may succeed: timeouts, refused or dropped connections and cut bodies are; a bad URL,
    /// a redirect loop or a certificate the client does not trust are not.
    static func isTransient(_ error: Error) -> Bool {
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout, .connectTimeout, .remoteConnectionClosed, .deadlineExceeded, .writeTimeout,
                .getConnectionFromPoolTimeout:
                return true
            case .invalidURL, .redirectLimitReached, .redirectCycleDetected, .emptyHost, .emptyScheme:
                return false
            default:
                return true
            }
        }
        if error is HTTPParserError { return true }
        if error is IOError { return true }
        if error is ChannelError { return true }
        if error is NIOConnectionError { return true }
        return false
    }

    /// One attempt's failure in a few words (the source's URL is in the message already).
    static func describe(_ error: Error, _ source: RemoteSource) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout:
                return "no data for \(seconds(source.idleTimeout)) s (`timeout.idle`)"
            case .connectTimeout:
                return "no connection within \(seconds(source.connectTimeout)) s (`timeout.connect`)"
            case .remoteConnectionClosed:
                return "the server closed the connection before the response was complete"
            case .redirectLimitReached:
                return "more than \(source.maxRedirects) redirects"
            case .redirectCycleDetected:
                return "the redirects lead in a loop"
            case .invalidURL, .emptyHost, .emptyScheme:
                return "the URL is not a valid http(s) URL"
            default:
                return "\(error)"
            }
        }
        if error is HTTPParserError { return "the response was cut off or malformed (\(error))" }
        if let error = error as? NIOConnectionError {
            let reasons = error.connectionErrors.map { "\($0.error)" }
            if let dns = error.dnsAAAAError ?? error.dnsAError { return "the host name did not resolve (\(dns))" }
            return "could not connect (\(reasons.first ?? "\(error)"))"
        }
        if let error = error as? IOError {
            return "could not connect or the connection broke (\(String(cString: strerror(error.errnoCode))))"
        }
        return "\(error)"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Proxies as curl and most tools read them: `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy` (lower case
/// only, as curl) for http, `no_proxy`/`NO_PROXY` listing hosts and domain suffixes to reach directly (`*` for all).
/// Loopback addresses are always reached directly.
struct ProxySettings {
    let environment: [String: String]

    func proxy(for url: String) -> HTTPClient.Configuration.Proxy? {
        guard let parts = URLComponents(string: url), let host = parts.host?.lowercased() else { return nil }
        if ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host) || bypassed(host) { return nil }
        let names = parts.scheme?.lowercased() == "https" ? ["https_proxy", "HTTPS_PROXY"] : ["http_proxy"]
        guard let value = names.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        let withScheme = value.contains("://") ? value : "http://" + value
        guard let proxy = URLComponents(string: withScheme), let proxyHost = proxy.host else { return nil }
        let authorization = proxy.user.map {
            HTTPClient.Authorization.basic(username: $0.removingPercentEncoding ?? $0, password: proxy.password ?? "")
        }
        return .server(host: proxyHost, port: proxy.port ?? 80, authorization: authorization)
    }

    private func bypassed(_ host: String) -> Bool {
        guard let list = environment["no_proxy"] ?? environment["NO_PROXY"] else { return false }
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if entry == "*" { return true }
            let suffix = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if !suffix.isEmpty, host == suffix || host.hasSuffix("." + suffix) { return true }
        }
        return false
    }
}
