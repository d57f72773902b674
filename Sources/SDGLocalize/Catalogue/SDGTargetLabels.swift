// The 169 SDG targets with short labels in our own words. Official titles change with each annual refinement: read
// them from an official structure file (`catalogue:` in the pipeline) when the full wording matters.
extension SDGCatalogue {
    static let targetLabels = """
        1.1|End extreme poverty
        1.2|Halve poverty by national definitions
        1.3|Social protection systems for all
        1.4|Equal rights to economic resources and basic services
        1.5|Resilience of the poor to shocks and disasters
        1.a|Resources for programmes to end poverty
        1.b|Pro-poor and gender-sensitive policy frameworks
        2.1|End hunger and secure access to food
        2.2|End all forms of malnutrition
        2.3|Double productivity and incomes of small-scale food producers
        2.4|Sustainable and resilient food production
        2.5|Genetic diversity of seeds, plants and animals
        2.a|Investment in rural infrastructure and agricultural research
        2.b|Correct distortions in world agricultural markets
        2.c|Well-functioning food commodity markets
        3.1|Reduce maternal mortality
        3.2|End preventable deaths of newborns and young children
        3.3|End epidemics of communicable diseases
        3.4|Fewer premature deaths from non-communicable diseases; mental health
        3.5|Prevent and treat substance abuse
        3.6|Halve road traffic deaths and injuries
        3.7|Sexual and reproductive health-care services for all
        3.8|Universal health coverage
        3.9|Fewer deaths and illnesses from pollution
        3.a|Tobacco control
        3.b|Research on and access to vaccines and medicines
        3.c|Health financing and health workforce
        3.d|Early warning and management of health risks
        4.1|Free, equitable and quality primary and secondary education
        4.2|Early childhood development, care and pre-primary education
        4.3|Affordable technical, vocational and tertiary education
        4.4|Skills for employment, decent jobs and entrepreneurship
        4.5|Equal access to education for the vulnerable
        4.6|Literacy and numeracy of youth and adults
        4.7|Education for sustainable development and global citizenship
        4.a|Safe, inclusive and effective learning environments
        4.b|Scholarships for developing countries
        4.c|Supply of qualified teachers
        5.1|End discrimination against women and girls
        5.2|End violence against women and girls
        5.3|End child marriage and female genital mutilation
        5.4|Recognise unpaid care and domestic work
        5.5|Women's participation and leadership in decision-making
        5.6|Sexual and reproductive health and reproductive rights
        5.a|Women's equal rights to economic resources
        5.b|Technology that empowers women
        5.c|Policies and laws for gender equality
        6.1|Safe and affordable drinking water for all
        6.2|Sanitation and hygiene for all
        6.3|Better water quality, less pollution and untreated wastewater
        6.4|Water-use efficiency and less water scarcity
        6.5|Integrated water resources management
        6.6|Protect and restore water-related ecosystems
        6.a|International cooperation on water and sanitation
        6.b|Local participation in water and sanitation management
        7.1|Universal access to modern energy services
        7.2|More renewable energy in the energy mix
        7.3|Double the rate of energy-efficiency improvement
        7.a|International cooperation on clean energy research and technology
        7.b|Modern energy infrastructure in developing countries
        8.1|Sustained per capita economic growth
        8.2|Productivity through diversification, technology and innovation
        8.3|Decent job creation, entrepreneurship and small enterprises
        8.4|Resource efficiency; decouple growth from environmental harm
        8.5|Full employment, decent work and equal pay
        8.6|Fewer young people not in employment, education or training
        8.7|End forced labour, modern slavery and child labour
        8.8|Labour rights and safe working environments
        8.9|Sustainable tourism that creates jobs
        8.10|Access to banking, insurance and financial services
        8.a|Aid for Trade support
        8.b|Strategy for youth employment
        9.1|Quality, reliable and resilient infrastructure
        9.2|Inclusive and sustainable industrialization
        9.3|Small enterprises' access to financial services
        9.4|Upgrade infrastructure and industries for sustainability
        9.5|Scientific research and technological capabilities
        9.a|Infrastructure support for developing countries
        9.b|Domestic technology development and innovation
        9.c|Access to information and communications technology
        10.1|Income growth of the bottom 40 per cent
        10.2|Social, economic and political inclusion of all
        10.3|Equal opportunity and end of discriminatory laws
        10.4|Fiscal, wage and social protection policies for equality
        10.5|Regulation and monitoring of global financial markets
        10.6|Voice of developing countries in global institutions
        10.7|Orderly, safe and responsible migration
        10.a|Special and differential treatment in trade
        10.b|Development assistance to the countries in greatest need
        10.c|Cheaper migrant remittances
        11.1|Adequate, safe and affordable housing
        11.2|Safe, affordable and sustainable transport systems
        11.3|Inclusive urbanization and participatory planning
        11.4|Protect cultural and natural heritage
        11.5|Fewer deaths and losses from disasters
        11.6|Lower environmental impact of cities: air and waste
        11.7|Safe, inclusive and green public spaces
        11.a|Links between urban, peri-urban and rural areas
        11.b|Integrated policies for inclusion, resilience and disaster risk
        11.c|Sustainable and resilient buildings in least developed countries
        12.1|Programmes on sustainable consumption and production
        12.2|Sustainable management and use of natural resources
        12.3|Halve food waste and reduce food losses
        12.4|Sound management of chemicals and wastes
        12.5|Less waste through prevention, reduction, recycling and reuse
        12.6|Sustainability practices and reporting by companies
        12.7|Sustainable public procurement
        12.8|Information and awareness for sustainable lifestyles
        12.a|Scientific and technological capacity for sustainable consumption
        12.b|Monitoring the impacts of sustainable tourism
        12.c|Rationalize inefficient fossil-fuel subsidies
        13.1|Resilience and adaptation to climate hazards
        13.2|Climate change measures in policies and planning
        13.3|Education and capacity on climate change
        13.a|Climate finance commitments
        13.b|Climate planning capacity in least developed countries
        14.1|Reduce marine pollution
        14.2|Protect and restore marine and coastal ecosystems
        14.3|Address ocean acidification
        14.4|End overfishing and destructive fishing
        14.5|Conserve coastal and marine areas
        14.6|End harmful fisheries subsidies
        14.7|Benefits from sustainable use of marine resources
        14.a|Marine scientific knowledge and research capacity
        14.b|Small-scale fishers' access to resources and markets
        14.c|Implement international law of the sea
        15.1|Conserve terrestrial and inland freshwater ecosystems
        15.2|Sustainable management of forests
        15.3|Combat desertification and restore degraded land
        15.4|Conserve mountain ecosystems
        15.5|Halt biodiversity loss and protect threatened species
        15.6|Fair sharing of benefits from genetic resources
        15.7|End poaching and trafficking of protected species
        15.8|Prevent and control invasive alien species
        15.9|Biodiversity values in national and local planning
        15.a|Finance to conserve biodiversity and ecosystems
        15.b|Finance for sustainable forest management
        15.c|Global support against poaching and trafficking
        16.1|Reduce violence and related deaths everywhere
        16.2|End abuse, exploitation and violence against children
        16.3|Rule of law and equal access to justice
        16.4|Reduce illicit financial and arms flows, organized crime
        16.5|Reduce corruption and bribery
        16.6|Effective, accountable and transparent institutions
        16.7|Responsive, inclusive and participatory decision-making
        16.8|Developing countries in global governance
        16.9|Legal identity and birth registration for all
        16.10|Public access to information and fundamental freedoms
        16.a|Institutions to prevent violence, terrorism and crime
        16.b|Non-discriminatory laws and policies
        17.1|Domestic resource mobilization and tax capacity
        17.2|Official development assistance commitments
        17.3|Additional financial resources for developing countries
        17.4|Long-term debt sustainability
        17.5|Investment promotion for least developed countries
        17.6|Cooperation on science, technology and innovation
        17.7|Environmentally sound technologies for developing countries
        17.8|Technology bank and use of enabling technology
        17.9|Capacity-building for implementing the SDGs
        17.10|Universal, rules-based multilateral trading system
        17.11|Increase exports of developing countries
        17.12|Duty-free, quota-free market access
        17.13|Global macroeconomic stability
        17.14|Policy coherence for sustainable development
        17.15|Respect each country's policy space
        17.16|Global partnership and multi-stakeholder partnerships
        17.17|Public, public-private and civil society partnerships
        17.18|Capacity for high-quality, timely and disaggregated data
        17.19|Measures of progress beyond GDP; statistical capacity
        """
}
