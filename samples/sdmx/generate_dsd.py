#!/usr/bin/env python3
"""Writes sdg-dsd-subset.xml: a subset of the IAEG-SDGs SDG data structure definition (component ids, order,
assignment status and attachment as in the global DSD, short codelists) and a dataflow for local indicators, for
sdgpipe's SDMX export in the demo and its tests. Not an official artefact. Standard library only."""
A = "IAEG-SDGs"
codelists = {
    "CL_FREQ": [("A", "Annual")],
    "CL_REPORTING_TYPE": [("N", "National"), ("G", "Global")],
    "CL_SERIES": [
        ("SE_ADT_ACTS", "Proportion of youth and adults with ICT skills", "4.4.1"),
        ("SE_ADT_EDUCTRN", "Participation rate of youth and adults in formal and non-formal education and training", "4.3.1"),
        ("SE_TOT_CPLR", "Completion rate", "4.1.2"),
        ("IT_NET_BBND", "Fixed broadband subscriptions per 100 inhabitants", "17.6.1"),
        ("LOCAL_ESL", "Early leavers from education and training (local)", "4.1.2"),
        ("LOCAL_LIB_VISITS", "Library visits per inhabitant (local)", "11.x"),
        ("LOCAL_HH_BBND", "Households with a broadband connection (local)", "17.6.1"),
    ],
    "CL_AREA": [("TM1", "Terramar"), ("_X", "Not applicable")],
    "CL_SEX": [("F", "Female"), ("M", "Male"), ("_T", "Total")],
    "CL_AGE": [("_T", "All age ranges or no breakdown"), ("Y25T64", "25 to 64 years")],
    "CL_CUST_BREAKDOWN": [("_T", "No breakdown"), ("RIVERTON", "Riverton"), ("LAKESIDE", "Lakeside"),
                          ("HILLVIEW", "Hillview")],
    "CL_OBS_STATUS": [("A", "Normal value"), ("E", "Estimated value"), ("M", "Missing value")],
    "CL_UNIT_MEASURE": [("PT", "Percent"), ("NUMBER", "Number"), ("PER_1000_POP", "Per 1,000 population"),
                        ("PH", "Per inhabitant"), ("_X", "Not applicable")],
    "CL_UNIT_MULT": [("0", "Units"), ("3", "Thousands"), ("6", "Millions")],
    "CL_NATURE": [("C", "Country data"), ("N", "Non-relevant"), ("E", "Estimated"), ("_X", "Not applicable")],
}
dims = [("FREQ", "CL_FREQ"), ("REPORTING_TYPE", "CL_REPORTING_TYPE"), ("SERIES", "CL_SERIES"), ("REF_AREA", "CL_AREA"),
        ("SEX", "CL_SEX"), ("AGE", "CL_AGE"), ("CUST_BREAKDOWN", "CL_CUST_BREAKDOWN")]
attrs = [("UNIT_MULT", "CL_UNIT_MULT", "Mandatory", "series"), ("UNIT_MEASURE", "CL_UNIT_MEASURE", "Mandatory", "series"),
         ("OBS_STATUS", "CL_OBS_STATUS", "Mandatory", "obs"), ("NATURE", "CL_NATURE", "Conditional", "obs"),
         ("COMMENT_OBS", None, "Conditional", "obs")]


def concept(cid):
    return (f'<str:ConceptIdentity><Ref maintainableParentID="CS_SDG" maintainableParentVersion="1.0" agencyID="{A}" '
            f'class="Concept" package="conceptscheme" id="{cid}"/></str:ConceptIdentity>')


def rep(cl):
    return (f'<str:LocalRepresentation><str:Enumeration><Ref agencyID="{A}" id="{cl}" version="1.0" class="Codelist" '
            f'package="codelist"/></str:Enumeration></str:LocalRepresentation>')


out = []
w = out.append
w('<?xml version="1.0" encoding="UTF-8"?>')
w('<!-- A subset of the IAEG-SDGs SDG data structure (component ids, order, assignment status and attachment as in the')
w('     global DSD; short codelists), written by generate_dsd.py for sdgpipe\'s SDMX export and its tests. -->')
w('<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
  'xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" '
  'xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">')
w('  <mes:Header><mes:ID>SDG_DSD_SUBSET</mes:ID><mes:Test>true</mes:Test><mes:Prepared>2026-12-01T00:00:00</mes:Prepared>'
  '<mes:Sender id="sdgpipe"/></mes:Header>')
w('  <mes:Structures>')
# The order of a Structures element is the schema's: Dataflows before Codelists, Concepts, DataStructures.
w('    <str:Dataflows>')
w(f'      <str:Dataflow agencyID="{A}" id="DF_SDG_LOCAL" version="1.0" '
  f'urn="urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow={A}:DF_SDG_LOCAL(1.0)"><com:Name xml:lang="en">Local SDG indicators'
  f'</com:Name><str:Structure><Ref agencyID="{A}" id="SDG" version="1.0" class="DataStructure" package="datastructure"/>'
  '</str:Structure></str:Dataflow>')
w('    </str:Dataflows>')
w('    <str:Codelists>')
for cl, codes in codelists.items():
    w(f'      <str:Codelist agencyID="{A}" id="{cl}" version="1.0" '
      f'urn="urn:sdmx:org.sdmx.infomodel.codelist.Codelist={A}:{cl}(1.0)"><com:Name xml:lang="en">{cl}</com:Name>')
    for c in codes:
        ann = ""
        if len(c) == 3:
            ann = ('<com:Annotations><com:Annotation><com:AnnotationType>Indicator</com:AnnotationType>'
                   f'<com:AnnotationText xml:lang="en">{c[2]}</com:AnnotationText></com:Annotation></com:Annotations>')
        w(f'        <str:Code id="{c[0]}" urn="urn:sdmx:org.sdmx.infomodel.codelist.Code={A}:{cl}(1.0).{c[0]}">{ann}'
          f'<com:Name xml:lang="en">{c[1]}</com:Name></str:Code>')
    w('      </str:Codelist>')
w('    </str:Codelists>')
w('    <str:Concepts>')
w(f'      <str:ConceptScheme agencyID="{A}" id="CS_SDG" version="1.0" '
  f'urn="urn:sdmx:org.sdmx.infomodel.conceptscheme.ConceptScheme={A}:CS_SDG(1.0)"><com:Name xml:lang="en">SDG concepts</com:Name>')
for cid in [d[0] for d in dims] + ["TIME_PERIOD", "OBS_VALUE"] + [a[0] for a in attrs]:
    w(f'        <str:Concept id="{cid}" urn="urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept={A}:CS_SDG(1.0).{cid}">'
      f'<com:Name xml:lang="en">{cid}</com:Name></str:Concept>')
w('      </str:ConceptScheme>')
w('    </str:Concepts>')
w('    <str:DataStructures>')
w(f'      <str:DataStructure agencyID="{A}" id="SDG" version="1.0" '
  f'urn="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={A}:SDG(1.0)"><com:Name xml:lang="en">SDG (subset)</com:Name>')
w('        <str:DataStructureComponents>')
w('          <str:DimensionList id="DimensionDescriptor">')
for k, (d, cl) in enumerate(dims):
    w(f'            <str:Dimension id="{d}" position="{k + 1}">{concept(d)}{rep(cl)}</str:Dimension>')
w(f'            <str:TimeDimension id="TIME_PERIOD" position="{len(dims) + 1}">{concept("TIME_PERIOD")}'
  '<str:LocalRepresentation><str:TextFormat textType="ObservationalTimePeriod"/></str:LocalRepresentation></str:TimeDimension>')
w('          </str:DimensionList>')
w('          <str:AttributeList id="AttributeDescriptor">')
for a, cl, status, level in attrs:
    if level == "obs":
        relation = ('<str:AttributeRelationship><str:PrimaryMeasure><Ref id="OBS_VALUE"/></str:PrimaryMeasure>'
                    '</str:AttributeRelationship>')
    else:
        relation = ('<str:AttributeRelationship>' + "".join(f'<str:Dimension><Ref id="{d}"/></str:Dimension>' for d, _ in dims)
                    + '</str:AttributeRelationship>')
    representation = rep(cl) if cl else '<str:LocalRepresentation><str:TextFormat textType="String"/></str:LocalRepresentation>'
    w(f'            <str:Attribute id="{a}" assignmentStatus="{status}">{concept(a)}{representation}{relation}</str:Attribute>')
w('          </str:AttributeList>')
w(f'          <str:MeasureList id="MeasureDescriptor"><str:PrimaryMeasure id="OBS_VALUE">{concept("OBS_VALUE")}'
  '<str:LocalRepresentation><str:TextFormat textType="Double"/></str:LocalRepresentation></str:PrimaryMeasure></str:MeasureList>')
w('        </str:DataStructureComponents>')
w('      </str:DataStructure>')
w('    </str:DataStructures>')
w('  </mes:Structures>')
w('</mes:Structure>')
with open("sdg-dsd-subset.xml", "w") as f:
    f.write("\n".join(out) + "\n")
