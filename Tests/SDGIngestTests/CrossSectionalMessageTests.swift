import Foundation
import SDGCore
import SDGTestSupport
import Testing

@testable import SDGIngest

/// Cross-sectional messages: a breakdown (here SEX) at the observation level, the time period in the series key, a
/// sibling group carrying the unit. Every observation is counted, the observation-level dimension joins the series
/// key, and the group's attributes reach each observation, in generic and structure-specific messages alike.
@Suite struct CrossSectionalMessageTests {
    let dir = TemporaryDirectory()

    static let generic = """
        <?xml version="1.0" encoding="UTF-8"?>
        <message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
          <message:Header><message:ID>X</message:ID><message:Test>false</message:Test><message:Prepared>2024-01-01T00:00:00</message:Prepared><message:Sender id="T"/>
            <message:Structure structureID="S" dimensionAtObservation="SEX"><common:Structure><Ref agencyID="T" id="DSD" version="1.0"/></common:Structure></message:Structure></message:Header>
          <message:DataSet structureRef="S">
            <generic:Group type="SiblingGroup"><generic:GroupKey><generic:Value id="REF_AREA" value="KE"/></generic:GroupKey><generic:Attributes><generic:Value id="UNIT_MEASURE" value="PT"/></generic:Attributes></generic:Group>
            <generic:Series><generic:SeriesKey><generic:Value id="REF_AREA" value="KE"/><generic:Value id="SERIES" value="SE_ADT_ACTS"/><generic:Value id="TIME_PERIOD" value="2019"/></generic:SeriesKey>
              <generic:Obs><generic:ObsDimension value="F"/><generic:ObsValue value="10"/></generic:Obs>
              <generic:Obs><generic:ObsDimension value="M"/><generic:ObsValue value="11"/></generic:Obs>
              <generic:Obs><generic:ObsDimension value="_T"/><generic:ObsValue value="12"/></generic:Obs>
            </generic:Series>
            <generic:Series><generic:SeriesKey><generic:Value id="REF_AREA" value="KE"/><generic:Value id="SERIES" value="SE_ADT_ACTS"/><generic:Value id="TIME_PERIOD" value="2020"/></generic:SeriesKey>
              <generic:Obs><generic:ObsDimension value="F"/><generic:ObsValue value="13"/></generic:Obs>
              <generic:Obs><generic:ObsDimension value="M"/><generic:ObsValue value="14"/></generic:Obs>
              <generic:Obs><generic:ObsDimension value="_T"/><generic:ObsValue value="15"/></generic:Obs>
            </generic:Series>
          </message:DataSet>
        </message:GenericData>
        """

    static let structureSpecific = """
        <?xml version="1.0" encoding="UTF-8"?>
        <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=T:DSD(1.0):ObsLevelDim:SEX" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <message:Header><message:ID>X</message:ID><message:Test>false</message:Test><message:Prepared>2024-01-01T00:00:00</message:Prepared><message:Sender id="T"/>
            <message:Structure structureID="S" namespace="urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure=T:DSD(1.0):ObsLevelDim:SEX" dimensionAtObservation="SEX"><common:Structure><Ref agencyID="T" id="DSD" version="1.0"/></common:Structure></message:Structure></message:Header>
          <message:DataSet ss:structureRef="S" xsi:type="ns1:DataSetType">
            <Group xsi:type="ns1:SiblingGroup" REF_AREA="KE" UNIT_MEASURE="PT"/>
            <Series REF_AREA="KE" SERIES="SE_ADT_ACTS" TIME_PERIOD="2019"><Obs SEX="F" OBS_VALUE="10"/><Obs SEX="M" OBS_VALUE="11"/><Obs SEX="_T" OBS_VALUE="12"/></Series>
            <Series REF_AREA="KE" SERIES="SE_ADT_ACTS" TIME_PERIOD="2020"><Obs SEX="F" OBS_VALUE="13"/><Obs SEX="M" OBS_VALUE="14"/><Obs SEX="_T" OBS_VALUE="15"/></Series>
          </message:DataSet>
        </message:StructureSpecificData>
        """

    @Test(arguments: [("generic.xml", generic), ("ss.xml", structureSpecific)])
    func everyObservationIsReadWithItsBreakdownAndTheGroupsUnit(name: String, message: String) throws {
        let inspection = try FeedInspection(path: dir.write(message, to: name))
        #expect(inspection.observations == 6)
        #expect(inspection.values == 6)
        #expect(inspection.valueSum == 75)
        #expect(inspection.rejects.isEmpty)
        #expect(inspection.series == 3)
        #expect(inspection.dimensions == ["SEX"])
        #expect(inspection.units == ["PT"])
        #expect(inspection.firstPeriod == "2019" && inspection.lastPeriod == "2020")
        #expect(inspection.message?.dimensionAtObservation == "SEX")
    }

    /// The 2019 series gives no time period: its group's key does (`REF_AREA`, `TIME_PERIOD`), and the series
    /// takes it; the 2020 series keeps its own.
    @Test(arguments: [
        (
            "generic-group.xml",
            generic.replacingOccurrences(
                of: "<generic:GroupKey><generic:Value id=\"REF_AREA\" value=\"KE\"/></generic:GroupKey>",
                with:
                    "<generic:GroupKey><generic:Value id=\"REF_AREA\" value=\"KE\"/><generic:Value id=\"TIME_PERIOD\" value=\"2019\"/></generic:GroupKey>"
            ).replacingOccurrences(
                of:
                    "<generic:Value id=\"SERIES\" value=\"SE_ADT_ACTS\"/><generic:Value id=\"TIME_PERIOD\" value=\"2019\"/>",
                with: "<generic:Value id=\"SERIES\" value=\"SE_ADT_ACTS\"/>")
        ),
        (
            "ss-group.xml",
            structureSpecific.replacingOccurrences(
                of: "REF_AREA=\"KE\" UNIT_MEASURE=\"PT\"/>",
                with: "REF_AREA=\"KE\" TIME_PERIOD=\"2019\" UNIT_MEASURE=\"PT\"/>"
            ).replacingOccurrences(
                of: "SERIES=\"SE_ADT_ACTS\" TIME_PERIOD=\"2019\">", with: "SERIES=\"SE_ADT_ACTS\">")
        ),
    ])
    func aTimePeriodInTheGroupKeyReachesItsSeries(name: String, message: String) throws {
        #expect(
            message.components(separatedBy: "TIME_PERIOD\"").count
                + message.components(separatedBy: "TIME_PERIOD=").count > 2)
        let inspection = try FeedInspection(path: dir.write(message, to: name))
        #expect(inspection.observations == 6)
        #expect(inspection.rejects.isEmpty)
        #expect(inspection.firstPeriod == "2019" && inspection.lastPeriod == "2020")
    }
}
