import CLibXML2
import SDGCore
import SDGSystem

/// What an SDMX-ML 2.1 structure message says about codes: every codelist's code names, and for the SDG series
/// codelist (`CL_SERIES` of the IAEG-SDGs DSD) the indicators each series measures and their official titles.
public struct SDMXStructure: Sendable {
    /// Codelist id → code → English name.
    public var codelists: [String: [String: String]] = [:]
    /// Series code → SDG indicator codes (a series may serve several indicators).
    public var seriesIndicators: [String: [String]] = [:]
    /// SDG indicator code → official title, as the structure gives it.
    public var indicatorTitles: [String: String] = [:]
    /// The data structure's dimensions in order, and the codelist each takes its codes from.
    public var dimensions: [String] = []
    public var dimensionCodelists: [String: String] = [:]
    /// The data structure's attributes and their codelists.
    public var attributeCodelists: [String: String] = [:]
    /// The attributes in the structure's order, whether each is mandatory, and those attached to observations
    /// (an `AttributeRelationship` to the primary measure); the others attach to series.
    public var attributes: [String] = []
    public var mandatoryAttributes: Set<String> = []
    public var observationAttributes: Set<String> = []
    /// The time dimension's id (`TIME_PERIOD`), among `dimensions`.
    public var timeDimension: String?
    /// The data structure's agency, id and version, for the references data messages make to it.
    public var dataStructure: (agency: String, id: String, version: String)?
    /// The primary measure's id (`OBS_VALUE`).
    public var primaryMeasure = "OBS_VALUE"
    /// Components (dimensions, attributes, the measure) represented by a `TextFormat` rather than a codelist.
    public var textFormats: [String: SDMXTextFormat] = [:]
    /// The structure message's `Allowed` content constraints.
    public var constraints = SDMXContentConstraints()

    /// The codes a dimension (or attribute) may take, when the structure enumerates them.
    public func codes(of component: String) -> [String: String]? {
        (dimensionCodelists[component] ?? attributeCodelists[component]).flatMap { codelists[$0] }
    }

    public init() {}
}

/// Streams an SDMX-ML 2.1 structure message (DSD with codelists) on libxml2's SAX2 push parser, keeping only codes,
/// names and the SDG indicator annotations. Reference: SDMX 2.1 Technical Notes, section 3 (structure).
public enum SDMXStructureReader {
    static let structureNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
    static let commonNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"

    public static func read(path: String) throws(IngestError) -> SDMXStructure {
        let state = StructureState()
        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = { context, localName, _, uri, _, _, count, _, attributes in
            Unmanaged<StructureState>.fromOpaque(context!).takeUnretainedValue().start(
                localName, uri, Int(count), attributes)
        }
        sax.endElementNs = { context, localName, _, uri in
            Unmanaged<StructureState>.fromOpaque(context!).takeUnretainedValue().end(localName, uri)
        }
        sax.characters = { context, characters, length in
            let state = Unmanaged<StructureState>.fromOpaque(context!).takeUnretainedValue()
            if state.capturing, let characters {
                state.text.append(contentsOf: UnsafeBufferPointer(start: characters, count: Int(length)))
            }
        }
        sax.serror = { context, error in
            guard let context, let error, LibXML2Setup.stopsReading(error.pointee) else { return }
            let state = Unmanaged<StructureState>.fromOpaque(context).takeUnretainedValue()
            if state.error == nil {
                state.error = SDMXMessageState.ParseError(error.pointee)
            }
        }
        let unmanaged = Unmanaged.passRetained(state)
        defer { unmanaged.release() }
        try LibXML2PushParser.parseDocument(
            path: path, name: path, sax: &sax, context: unmanaged.toOpaque(), firstError: { state.error })
        guard state.sawStructure else {
            throw .unsupportedMessage(
                file: path, root: state.root ?? "(none)",
                hint: "Expected an SDMX-ML 2.1 structure message (a DSD or codelists), as `catalogue:` names.")
        }
        return state.structure
    }
}

private final class StructureState {
    var structure = SDMXStructure()
    var root: String?
    var sawStructure = false
    var error: SDMXMessageState.ParseError?
    var capturing = false
    var text: [UInt8] = []
    private var codelist: String?
    private var code: String?
    private var depthInAnnotations = 0
    private var annotationType: String?
    private var annotationText: String?
    private var nameIsEnglish = false
    private var list: String?
    private var component: (id: String, isDimension: Bool)?
    private var inEnumeration = false
    /// Inside an attribute's `AttributeRelationship`, `Dimension` elements are references, not components.
    private var depthInRelationship = 0
    /// The primary measure being read (inside `MeasureList`), for its `TextFormat`.
    private var measure: String?
    /// Inside an `Allowed` content constraint: the cube region or data key set being read, and its current key.
    private var constraint: (allowed: Bool, region: SDMXContentConstraints.CubeRegion?)?
    private var keySet: SDMXContentConstraints.DataKeySet?
    private var key: [String: String]?
    private var keyValue: String?

    private func attribute(_ name: String, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
        -> String?
    {
        SDMXMessageState.attribute(name, count, attributes)
    }

    private func named(
        _ pointer: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ name: String, _ namespace: String
    ) -> Bool {
        guard let pointer, let uri else { return false }
        return xmlStrEqual(pointer, name) != 0 && xmlStrEqual(uri, namespace) != 0
    }

    func start(
        _ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        if root == nil { root = local.map { String(cString: $0) } }
        let s = SDMXStructureReader.structureNamespace
        let c = SDMXStructureReader.commonNamespace
        if named(local, uri, "Structures", "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message") {
            sawStructure = true
        }
        if named(local, uri, "DimensionList", s) || named(local, uri, "AttributeList", s)
            || named(local, uri, "MeasureList", s)
        {
            list = String(cString: local!)
        } else if list == "MeasureList", named(local, uri, "PrimaryMeasure", s),
            let id = attribute("id", count, attributes)
        {
            measure = id
            structure.primaryMeasure = id
        } else if named(local, uri, "TextFormat", s), depthInRelationship == 0,
            let id = measure ?? component?.id
        {
            structure.textFormats[id] = Self.textFormat(count, attributes)
        } else if list == "DimensionList", named(local, uri, "Dimension", s) || named(local, uri, "TimeDimension", s),
            component == nil,
            let id = attribute("id", count, attributes)
        {
            component = (id, true)
            structure.dimensions.append(id)
            if named(local, uri, "TimeDimension", s) { structure.timeDimension = id }
        } else if list == "AttributeList", named(local, uri, "Attribute", s), component == nil,
            let id = attribute("id", count, attributes)
        {
            component = (id, false)
            structure.attributes.append(id)
            if attribute("assignmentStatus", count, attributes) == "Mandatory" {
                structure.mandatoryAttributes.insert(id)
            }
        } else if depthInRelationship > 0, let current = component, !current.isDimension,
            named(local, uri, "PrimaryMeasure", s)
        {
            structure.observationAttributes.insert(current.id)
        } else if named(local, uri, "DataStructure", s), structure.dataStructure == nil,
            let agency = attribute("agencyID", count, attributes), let id = attribute("id", count, attributes)
        {
            structure.dataStructure = (agency, id, attribute("version", count, attributes) ?? "1.0")
        } else if named(local, uri, "Enumeration", s) {
            inEnumeration = true
        } else if inEnumeration, let component, let local, xmlStrEqual(local, "Ref") != 0,
            let id = attribute("id", count, attributes)
        {
            if component.isDimension {
                structure.dimensionCodelists[component.id] = id
            } else {
                structure.attributeCodelists[component.id] = id
            }
        }
        if named(local, uri, "AttributeRelationship", s) { depthInRelationship += 1 }
        startConstraint(local, uri, count, attributes)
        if named(local, uri, "Codelist", s) {
            codelist = attribute("id", count, attributes)
        } else if named(local, uri, "Code", s), codelist != nil {
            code = attribute("id", count, attributes)
        } else if named(local, uri, "Annotations", c) {
            depthInAnnotations += 1
        } else if named(local, uri, "AnnotationType", c) || named(local, uri, "AnnotationText", c) {
            begin()
        } else if named(local, uri, "Name", c), code != nil, depthInAnnotations == 0 {
            nameIsEnglish = attribute("lang", count, attributes).map { $0 == "en" } ?? true
            if nameIsEnglish { begin() }
        }
    }

    func end(_ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        let s = SDMXStructureReader.structureNamespace
        let c = SDMXStructureReader.commonNamespace
        if named(local, uri, "DimensionList", s) || named(local, uri, "AttributeList", s)
            || named(local, uri, "MeasureList", s)
        {
            list = nil
        } else if named(local, uri, "PrimaryMeasure", s), depthInRelationship == 0 {
            measure = nil
        } else if let current = component,
            (current.isDimension && (named(local, uri, "Dimension", s) || named(local, uri, "TimeDimension", s))
                && list == "DimensionList" && !inEnumeration && depthInRelationship == 0)
                || (!current.isDimension && named(local, uri, "Attribute", s))
        {
            component = nil
        }
        if named(local, uri, "Enumeration", s) { inEnumeration = false }
        if named(local, uri, "AttributeRelationship", s) { depthInRelationship -= 1 }
        endConstraint(local, uri)
        if named(local, uri, "Codelist", s) {
            codelist = nil
        } else if named(local, uri, "Code", s) {
            code = nil
        } else if named(local, uri, "Annotations", c) {
            depthInAnnotations -= 1
        } else if named(local, uri, "AnnotationType", c) {
            annotationType = finish()
        } else if named(local, uri, "AnnotationText", c) {
            annotationText = finish()
        } else if named(local, uri, "Annotation", c) {
            if let code, codelist == "CL_SERIES", let type = annotationType, let value = annotationText {
                if type == "Indicator" {
                    structure.seriesIndicators[code] = value.split(whereSeparator: {
                        $0 == "," || $0 == ";" || $0 == " "
                    }).map(String.init)
                } else if type == "IndicatorTitle", let indicator = structure.seriesIndicators[code]?.first {
                    structure.indicatorTitles[indicator] = value
                }
            }
            annotationType = nil
            annotationText = nil
        } else if named(local, uri, "Name", c), let code, let codelist, capturing, nameIsEnglish {
            structure.codelists[codelist, default: [:]][code] = finish()
        }
    }

    private static func textFormat(_ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
        -> SDMXTextFormat
    {
        var format = SDMXTextFormat()
        format.textType = SDMXMessageState.attribute("textType", count, attributes)
        format.minLength = SDMXMessageState.attribute("minLength", count, attributes).flatMap { Int($0) }
        format.maxLength = SDMXMessageState.attribute("maxLength", count, attributes).flatMap { Int($0) }
        format.minValue = SDMXMessageState.attribute("minValue", count, attributes).flatMap { Double($0) }
        format.maxValue = SDMXMessageState.attribute("maxValue", count, attributes).flatMap { Double($0) }
        format.pattern = SDMXMessageState.attribute("pattern", count, attributes)
        return format
    }

    /// `ContentConstraint` → `CubeRegion` (`KeyValue`/`Attribute` → `Value`) or `DataKeySet` → `Key` → `KeyValue`.
    private func startConstraint(
        _ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let s = SDMXStructureReader.structureNamespace
        let c = SDMXStructureReader.commonNamespace
        if named(local, uri, "ContentConstraint", s) {
            constraint = (attribute("type", count, attributes) == "Allowed", nil)
        }
        guard let current = constraint, current.allowed else { return }
        if named(local, uri, "CubeRegion", s) {
            constraint?.region = .init(include: attribute("include", count, attributes) != "false", values: [:])
        } else if named(local, uri, "DataKeySet", s) {
            keySet = .init(included: attribute("isIncluded", count, attributes) != "false", keys: [])
        } else if named(local, uri, "Key", s), keySet != nil {
            key = [:]
        } else if named(local, uri, "KeyValue", c) || named(local, uri, "Attribute", c) {
            keyValue = attribute("id", count, attributes)
        } else if named(local, uri, "Value", c), keyValue != nil {
            begin()
        }
    }

    private func endConstraint(_ local: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        let s = SDMXStructureReader.structureNamespace
        let c = SDMXStructureReader.commonNamespace
        guard constraint != nil else { return }
        if named(local, uri, "Value", c), let id = keyValue, capturing {
            let value = finish()
            if key != nil {
                key?[id] = value
            } else {
                constraint?.region?.values[id, default: []].insert(value)
            }
        } else if named(local, uri, "KeyValue", c) || named(local, uri, "Attribute", c) {
            keyValue = nil
        } else if named(local, uri, "Key", s), let done = key {
            keySet?.keys.append(done)
            key = nil
        } else if named(local, uri, "CubeRegion", s), let region = constraint?.region {
            structure.constraints.cubeRegions.append(region)
            constraint?.region = nil
        } else if named(local, uri, "DataKeySet", s), let done = keySet {
            structure.constraints.dataKeySets.append(done)
            keySet = nil
        } else if named(local, uri, "ContentConstraint", s) {
            constraint = nil
        }
    }

    private func begin() {
        capturing = true
        text.removeAll(keepingCapacity: true)
    }

    private func finish() -> String {
        capturing = false
        return String(decoding: text, as: UTF8.self).trimmingASCIIWhitespace()
    }
}
