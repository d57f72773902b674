import CLibXML2

/// Process-wide libxml2 set-up, done once before the first parse: initialise the library and replace the external
/// entity loader by one that refuses everything, so that no SDMX file can make us read a local file or the network
/// whatever options a future change passes (defence in depth next to `XML_PARSE_NONET`).
enum LibXML2Setup {
    static let once: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// `XML_PARSE_NONET` only: never `NOENT`, `DTDLOAD`, `DTDATTR`, `DTDVALID` or `XINCLUDE` (each leaks local files),
    /// and never `HUGE`, which turns off the entity-expansion guard; large feeds stream fine without it.
    static let parseOptions = Int32(XML_PARSE_NONET.rawValue)

    /// Whether a libxml2 error stops the reading of a file: a fatal error, and a reference to an entity the file does
    /// not define. libxml2 reports the latter as a mere warning when the DOCTYPE names an external DTD (which is never
    /// loaded) and drops the reference, so `1&x;2` would be read as 12 and `&x;` as an empty code.
    static func stopsReading(_ error: xmlError) -> Bool {
        error.level == XML_ERR_FATAL || isUndefinedEntity(error)
    }

    static func isUndefinedEntity(_ error: xmlError) -> Bool {
        error.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue)
            || error.code == Int32(XML_ERR_UNDECLARED_ENTITY.rawValue)
    }
}
