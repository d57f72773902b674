/// A small SDMX-ML 2.1 structure message: the series codelist with SDG indicator annotations, and a sex codelist.
public let smallStructure = """
    <?xml version="1.0" encoding="UTF-8"?>
    <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
      xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
      xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
      <mes:Header><mes:ID>T</mes:ID></mes:Header>
      <mes:Structures><str:Codelists>
        <str:Codelist id="CL_SERIES" agencyID="T" version="1.0">
          <com:Name xml:lang="en">Series</com:Name>
          <str:Code id="SE_ADT_EDUCTRN">
            <com:Annotations>
              <com:Annotation><com:AnnotationType>Indicator</com:AnnotationType><com:AnnotationText xml:lang="en">4.3.1</com:AnnotationText></com:Annotation>
              <com:Annotation><com:AnnotationType>IndicatorTitle</com:AnnotationType><com:AnnotationText xml:lang="en">Participation rate in education &amp; training</com:AnnotationText></com:Annotation>
            </com:Annotations>
            <com:Name xml:lang="fr">Taux de participation</com:Name>
            <com:Name xml:lang="en">Participation rate of youth and adults</com:Name>
          </str:Code>
        </str:Codelist>
        <str:Codelist id="CL_SEX" agencyID="T" version="1.0">
          <str:Code id="F"><com:Name xml:lang="en">Female</com:Name></str:Code>
        </str:Codelist>
      </str:Codelists>
      <str:DataStructures><str:DataStructure id="SDG" agencyID="T" version="1.0">
        <str:DataStructureComponents>
          <str:DimensionList id="DimensionDescriptor">
            <str:Dimension id="SERIES" position="1"><str:LocalRepresentation><str:Enumeration><Ref id="CL_SERIES" class="Codelist"/></str:Enumeration></str:LocalRepresentation></str:Dimension>
            <str:Dimension id="SEX" position="2"><str:LocalRepresentation><str:Enumeration><Ref id="CL_SEX" class="Codelist"/></str:Enumeration></str:LocalRepresentation></str:Dimension>
            <str:TimeDimension id="TIME_PERIOD" position="3"/>
          </str:DimensionList>
          <str:AttributeList id="AttributeDescriptor">
            <str:Attribute id="UNIT_MEASURE"><str:LocalRepresentation><str:Enumeration><Ref id="CL_UNIT"/></str:Enumeration></str:LocalRepresentation>
              <str:AttributeRelationship><str:Dimension><Ref id="SERIES"/></str:Dimension></str:AttributeRelationship></str:Attribute>
          </str:AttributeList>
        </str:DataStructureComponents>
      </str:DataStructure></str:DataStructures>
      </mes:Structures>
    </mes:Structure>
    """
