/// Where in an input something was found: a file with a line and column for text formats, or an XML element path.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    /// For XML inputs, the element the problem is in (`generic:Obs`).
    public let element: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, element: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.element = element
    }

    /// `path:line:column` as compilers print it, so that editors can jump to it.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        if let element { text += " (<\(element)>)" }
        return text
    }
}
