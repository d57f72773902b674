// UNESCO Key Features of Learning Cities (UNESCO Institute for Lifelong Learning, 2013/2015) as a second framework:
// three tiers, twelve areas of focus and their features, by stable ids with short labels in our own words.
// Format: tier id|tier label, then area id|area label, then "- feature id|feature label" lines.
extension LearningCityFramework {
    static let definition = """
        # benefits|Wider benefits of building a learning city
        individual-empowerment-and-social-cohesion|Individual empowerment and social cohesion
        - empowerment.capabilities|Residents gain literacy and basic skills and take part in city life
        - empowerment.equity|Equal opportunity regardless of gender, origin or disability
        - empowerment.civic|Active citizenship, volunteering and social cohesion
        economic-development-and-cultural-prosperity|Economic development and cultural prosperity
        - economy.employment|Learning that raises employability and income
        - economy.innovation|Innovation and entrepreneurship fed by learning
        - economy.culture|Access to culture and participation in cultural activities
        sustainable-development|Sustainable development
        - sustainability.environment|Learning that reduces the city's environmental impact
        - sustainability.awareness|Education for sustainable development for all ages
        - sustainability.resilience|Resilient, green and healthy urban living
        # building-blocks|Major building blocks of a learning city
        inclusive-learning-in-the-education-system|Inclusive learning from basic to higher education
        - education.early-childhood|Access to early childhood care and education
        - education.schooling|Access to and completion of primary and secondary education
        - education.tertiary-and-vocational|Access to vocational, technical and higher education
        - education.second-chance|Second-chance routes and recognition of prior learning
        - education.disadvantaged|Support for learners with disabilities, migrants and other disadvantaged groups
        revitalized-learning-in-families-and-communities|Revitalized learning in families and communities
        - community.learning-spaces|Community learning centres, libraries and museums open to all
        - community.family-learning|Learning in and with families, intergenerational learning
        - community.participation|Participation of residents in community learning
        - community.marginalized|Outreach to groups that seldom take part in learning
        effective-learning-for-and-in-the-workplace|Effective learning for and in the workplace
        - workplace.employers|Employers and unions support learning at work
        - workplace.skills|Upskilling and reskilling of the workforce
        - workplace.unemployed|Learning opportunities for jobseekers and young people not in work
        extended-use-of-modern-learning-technologies|Extended use of modern learning technologies
        - technology.access|Access to the Internet and digital devices for learning
        - technology.skills|Digital skills for learners and educators
        - technology.open-resources|Online learning and open educational resources
        enhanced-quality-in-learning|Enhanced quality in learning
        - quality.learner-centred|Learner-centred learning and relevant content
        - quality.educators|Trained educators for adults and communities
        - quality.values|Learning that fosters shared values and mutual respect
        vibrant-culture-of-learning-throughout-life|A vibrant culture of learning throughout life
        - culture.events|Public learning festivals and events that celebrate learning
        - culture.information|Information, guidance and support for learners
        - culture.recognition|Recognition and reward of learning in all its forms
        # conditions|Fundamental conditions for building a learning city
        strong-political-will-and-commitment|Strong political will and commitment
        - commitment.leadership|City leadership champions the learning city
        - commitment.strategy|A learning city strategy and plan with targets
        - commitment.monitoring|Regular monitoring and public reporting of progress
        governance-and-participation-of-all-stakeholders|Governance and participation of all stakeholders
        - governance.coordination|A coordinating body across city departments
        - governance.partnerships|Partnerships with civil society, business and universities
        - governance.networks|Exchange with other learning cities
        mobilization-and-utilization-of-resources|Mobilization and utilization of resources
        - resources.funding|Public and private funding for lifelong learning
        - resources.facilities|Shared use of facilities for learning
        - resources.volunteers|Volunteers and local knowledge as learning resources
        """
}
