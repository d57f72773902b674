// Every indicator of the global indicator framework by code, with a short label in our own words. A third field names
// the indicator it repeats (the framework lists some indicators under several targets). Codes follow the framework
// as Open SDG platforms and the IAEG-SDGs SDG DSD 1.4 use it; a few codes of earlier refinements are kept so that
// older feeds still map (their labels say so).
extension SDGCatalogue {
    static let indicatorLabels = """
        1.1.1|People below the international extreme poverty line
        1.2.1|People below the national poverty line
        1.2.2|People in poverty in all dimensions, national definitions
        1.3.1|Population covered by social protection
        1.4.1|Population with access to basic services
        1.4.2|Adults with secure, documented land tenure
        1.5.1|Deaths, missing and affected persons from disasters
        1.5.2|Direct economic loss from disasters relative to GDP
        1.5.3|National disaster risk reduction strategy in place
        1.5.4|Local governments with disaster risk reduction strategies
        1.a.1|Grants for poverty reduction relative to income
        1.a.2|Government spending on education, health and social protection
        1.a.3|Grants and non-debt inflows for poverty reduction (earlier framework)
        1.b.1|Pro-poor public social spending
        2.1.1|Prevalence of undernourishment
        2.1.2|Moderate or severe food insecurity
        2.2.1|Stunting in children under 5
        2.2.2|Wasting and overweight in children under 5
        2.2.3|Anaemia in women aged 15 to 49
        2.3.1|Production per labour unit of small-scale food producers
        2.3.2|Average income of small-scale food producers
        2.4.1|Agricultural area under productive and sustainable agriculture
        2.5.1|Plant and animal genetic resources in conservation facilities
        2.5.2|Local livestock breeds at risk of extinction
        2.a.1|Agriculture orientation index of government spending
        2.a.2|Official flows to the agriculture sector
        2.b.1|Agricultural export subsidies
        2.c.1|Food price anomalies
        3.1.1|Maternal mortality ratio
        3.1.2|Births attended by skilled health personnel
        3.2.1|Under-5 mortality rate
        3.2.2|Neonatal mortality rate
        3.3.1|New HIV infections
        3.3.2|Tuberculosis incidence
        3.3.3|Malaria incidence
        3.3.4|Hepatitis B incidence
        3.3.5|People needing care for neglected tropical diseases
        3.4.1|Deaths from cardiovascular disease, cancer, diabetes or chronic respiratory disease
        3.4.2|Suicide mortality rate
        3.5.1|Treatment coverage for substance use disorders
        3.5.2|Alcohol consumption per capita
        3.6.1|Road traffic deaths
        3.7.1|Family planning need satisfied with modern methods
        3.7.2|Adolescent birth rate
        3.8.1|Coverage of essential health services
        3.8.2|Households with large health spending
        3.9.1|Deaths attributed to household and ambient air pollution
        3.9.2|Deaths from unsafe water, sanitation and hygiene
        3.9.3|Deaths from unintentional poisoning
        3.a.1|Tobacco use prevalence
        3.b.1|Population covered by the vaccines of the national programme
        3.b.2|Official aid to medical research and basic health
        3.b.3|Health facilities with essential medicines
        3.c.1|Health worker density
        3.d.1|Capacity under the International Health Regulations
        3.d.2|Bloodstream infections from resistant organisms
        4.1.1|Children and young people with minimum proficiency in reading and mathematics
        4.1.2|Completion rate (primary, lower and upper secondary)
        4.2.1|Children under 5 developmentally on track
        4.2.2|Participation in organized learning one year before primary
        4.3.1|Participation of youth and adults in formal and non-formal education and training
        4.4.1|Youth and adults with information and communications technology skills
        4.5.1|Parity indices for education indicators
        4.6.1|Proficiency in functional literacy and numeracy
        4.7.1|Global citizenship and sustainable development mainstreamed in education
        4.a.1|Schools with basic services and facilities
        4.b.1|Official aid for scholarships
        4.c.1|Teachers with the minimum required qualifications
        5.1.1|Legal frameworks for gender equality and non-discrimination
        5.2.1|Partner violence against women and girls
        5.2.2|Sexual violence by non-partners
        5.3.1|Women married before age 15 or 18
        5.3.2|Female genital mutilation
        5.4.1|Time spent on unpaid domestic and care work
        5.5.1|Seats held by women in parliaments and local governments
        5.5.2|Women in managerial positions
        5.6.1|Women making informed decisions on reproductive health
        5.6.2|Laws guaranteeing access to sexual and reproductive health care
        5.a.1|Women's ownership of or rights over agricultural land
        5.a.2|Legal framework guaranteeing women's land rights
        5.b.1|Individuals who own a mobile telephone
        5.c.1|Systems to track allocations for gender equality
        6.1.1|Population using safely managed drinking water
        6.2.1|Population using safely managed sanitation and handwashing
        6.3.1|Wastewater flows safely treated
        6.3.2|Water bodies with good ambient water quality
        6.4.1|Change in water-use efficiency
        6.4.2|Level of water stress
        6.5.1|Degree of integrated water resources management
        6.5.2|Transboundary basins with water cooperation arrangements
        6.6.1|Change in the extent of water-related ecosystems
        6.a.1|Water and sanitation official aid in government spending plans
        6.b.1|Local units with participation in water and sanitation management
        7.1.1|Population with access to electricity
        7.1.2|Population relying on clean fuels and technology
        7.2.1|Renewable energy share in final energy consumption
        7.3.1|Energy intensity of the economy
        7.a.1|International public flows for clean energy
        7.b.1|Installed renewable generating capacity per capita
        8.1.1|Growth of real GDP per capita
        8.2.1|Growth of real GDP per employed person
        8.3.1|Informal employment
        8.4.1|Material footprint|12.2.1
        8.4.2|Domestic material consumption|12.2.2
        8.5.1|Average hourly earnings of employees
        8.5.2|Unemployment rate
        8.6.1|Youth not in education, employment or training
        8.7.1|Children in child labour
        8.8.1|Occupational injuries
        8.8.2|Compliance with labour rights
        8.9.1|Tourism direct GDP
        8.9.2|Jobs in sustainable tourism (earlier framework)
        8.10.1|Bank branches and ATMs per 100,000 adults
        8.10.2|Adults with a bank, financial institution or mobile-money account
        8.a.1|Aid for Trade commitments and disbursements
        8.b.1|National strategy for youth employment
        9.1.1|Rural population near an all-season road
        9.1.2|Passenger and freight volumes
        9.2.1|Manufacturing value added
        9.2.2|Manufacturing employment
        9.3.1|Small-scale industries' share of industry value added
        9.3.2|Small-scale industries with a loan or line of credit
        9.4.1|CO2 emissions per unit of value added
        9.5.1|Research and development expenditure relative to GDP
        9.5.2|Researchers per million inhabitants
        9.a.1|International support to infrastructure
        9.b.1|Medium and high-tech industry share of value added
        9.c.1|Population covered by a mobile network
        10.1.1|Income growth of the bottom 40 per cent and of the whole population
        10.2.1|People living below half of median income
        10.3.1|People reporting discrimination or harassment|16.b.1
        10.4.1|Labour share of GDP
        10.4.2|Redistributive impact of fiscal policy
        10.5.1|Financial soundness indicators
        10.6.1|Developing countries' members and votes in international organizations|16.8.1
        10.7.1|Recruitment costs borne by employees
        10.7.2|Countries with well-managed migration policies
        10.7.3|Migrants who died or disappeared on the way
        10.7.4|Refugees by country of origin
        10.a.1|Tariff lines at zero tariff for developing countries' imports
        10.b.1|Resource flows for development
        10.c.1|Remittance costs
        11.1.1|Urban population in slums, informal settlements or inadequate housing
        11.2.1|Population with convenient access to public transport
        11.3.1|Land consumption rate relative to population growth
        11.3.2|Cities where civil society takes part in urban planning
        11.4.1|Spending on cultural and natural heritage per capita
        11.5.1|Deaths, missing and affected persons from disasters|1.5.1
        11.5.2|Direct economic loss and damage to infrastructure from disasters
        11.6.1|Municipal solid waste collected and managed in controlled facilities
        11.6.2|Annual mean fine particulate matter (PM2.5) in cities
        11.7.1|Built-up area that is open space for public use
        11.7.2|Victims of physical or sexual harassment
        11.a.1|Population in cities implementing urban and regional development plans
        11.b.1|National disaster risk reduction strategy in place|1.5.3
        11.b.2|Local governments with disaster risk reduction strategies|1.5.4
        11.c.1|Support for sustainable buildings in least developed countries (earlier framework)
        12.1.1|National plans on sustainable consumption and production
        12.2.1|Material footprint|8.4.1
        12.2.2|Domestic material consumption|8.4.2
        12.3.1|Food loss and food waste indices
        12.4.1|Parties meeting commitments of hazardous-waste agreements
        12.4.2|Hazardous waste generated and treated
        12.5.1|National recycling rate
        12.6.1|Companies publishing sustainability reports
        12.7.1|Implementation of sustainable public procurement
        12.8.1|Global citizenship and sustainable development mainstreamed in education|4.7.1
        12.a.1|Installed renewable generating capacity in developing countries|7.b.1
        12.b.1|Tools to monitor sustainable tourism
        12.c.1|Fossil-fuel subsidies
        13.1.1|Deaths, missing and affected persons from disasters|1.5.1
        13.1.2|National disaster risk reduction strategy in place|1.5.3
        13.1.3|Local governments with disaster risk reduction strategies|1.5.4
        13.2.1|Nationally determined contributions and adaptation communications
        13.2.2|Total greenhouse gas emissions
        13.3.1|Global citizenship and sustainable development mainstreamed in education|4.7.1
        13.3.2|Capacity-building for adaptation and mitigation (earlier framework)
        13.a.1|Climate finance provided and mobilized
        13.b.1|Least developed countries with climate plans and strategies
        14.1.1|Coastal eutrophication and floating plastic debris
        14.2.1|Ecosystem-based management of national marine areas
        14.3.1|Average marine acidity (pH)
        14.4.1|Fish stocks within biologically sustainable levels
        14.5.1|Marine protected areas coverage
        14.6.1|Instruments against illegal, unreported and unregulated fishing
        14.7.1|Sustainable fisheries in GDP
        14.a.1|Research budget for marine technology
        14.b.1|Framework protecting access rights of small-scale fisheries
        14.c.1|Implementation of ocean-related instruments of international law
        15.1.1|Forest area share of land area
        15.1.2|Key biodiversity areas covered by protected areas
        15.2.1|Progress towards sustainable forest management
        15.3.1|Degraded share of land
        15.4.1|Mountain biodiversity areas covered by protected areas
        15.4.2|Mountain Green Cover Index
        15.5.1|Red List Index
        15.6.1|Frameworks for fair sharing of genetic-resource benefits
        15.7.1|Traded wildlife that was poached or illicitly trafficked|15.c.1
        15.8.1|Legislation against invasive alien species
        15.9.1|Biodiversity values in national planning and accounting
        15.a.1|Aid and public spending on biodiversity|15.b.1
        15.b.1|Aid and public spending on biodiversity|15.a.1
        15.c.1|Traded wildlife that was poached or illicitly trafficked|15.7.1
        16.1.1|Victims of intentional homicide
        16.1.2|Conflict-related deaths
        16.1.3|Population subjected to violence
        16.1.4|Population feeling safe walking alone at night
        16.2.1|Children punished physically or aggressed psychologically by caregivers
        16.2.2|Victims of human trafficking
        16.2.3|Young adults who experienced sexual violence by age 18
        16.3.1|Victims of violence who reported it to authorities
        16.3.2|Unsentenced detainees in the prison population
        16.3.3|Access to a dispute resolution mechanism
        16.4.1|Inward and outward illicit financial flows
        16.4.2|Seized arms traced or established by authorities
        16.5.1|People who paid or were asked for a bribe
        16.5.2|Businesses that paid or were asked for a bribe
        16.6.1|Government expenditure relative to the approved budget
        16.6.2|Satisfaction with the last experience of public services
        16.7.1|Representation in public institutions relative to the population
        16.7.2|People who believe decision-making is inclusive and responsive
        16.8.1|Developing countries' members and votes in international organizations|10.6.1
        16.9.1|Births of children under 5 registered
        16.10.1|Killings and attacks on journalists, trade unionists and human rights advocates
        16.10.2|Guarantees for public access to information
        16.a.1|Independent national human rights institutions
        16.b.1|People reporting discrimination or harassment|10.3.1
        17.1.1|Government revenue relative to GDP
        17.1.2|Domestic budget funded by domestic taxes
        17.2.1|Net official development assistance
        17.3.1|Additional financial resources mobilized for developing countries
        17.3.2|Remittances relative to GDP
        17.4.1|Debt service relative to exports
        17.5.1|Investment promotion regimes for developing countries
        17.6.1|Fixed broadband subscriptions per 100 inhabitants, by speed
        17.6.2|Fixed broadband subscriptions per 100 inhabitants (earlier numbering)
        17.7.1|Funding for environmentally sound technologies
        17.8.1|Individuals using the Internet
        17.9.1|Financial and technical assistance for developing countries
        17.10.1|Worldwide weighted tariff average
        17.11.1|Developing countries' share of global exports
        17.12.1|Average tariffs faced by developing countries
        17.13.1|Macroeconomic dashboard
        17.14.1|Mechanisms for policy coherence for sustainable development
        17.15.1|Use of country-owned results frameworks by providers
        17.16.1|Progress in multi-stakeholder development effectiveness monitoring
        17.17.1|Public-private partnership commitments for infrastructure
        17.18.1|Statistical capacity for monitoring the SDGs
        17.18.2|Countries with statistical legislation meeting the Fundamental Principles
        17.18.3|Countries with a funded national statistical plan
        17.19.1|Resources for statistical capacity in developing countries
        17.19.2|Countries with a census in the last 10 years and complete vital registration
        """
}
