#if PostgreSQL
import Testing
@testable import SDGPublish

/// COPY's text format ends a row at a newline, so every control character in a cell must be escaped.
@Suite struct CopyEscapingTests {
    @Test func escapesControlCharactersIncludingCRLFPairs() {
        #expect(PostgresStore.copyEscaped("plain São Paulo") == "plain São Paulo")
        #expect(PostgresStore.copyEscaped("a\r\nb") == "a\\r\\nb", "CRLF is one Character but two escapes")
        #expect(PostgresStore.copyEscaped("tab\there\\x\n") == "tab\\there\\\\x\\n")
    }
}
#endif
