extension ReportText {
    /// Le rapport en français. Les intitulés des objectifs sont les noms courts officiels des ODD ; ceux du cadre des
    /// villes apprenantes sont les nôtres, paraphrasés comme en anglais.
    static let french: [String: String] = {
        var t: [String: String] = [
            "title.default": "{0} : rapport de localisation des ODD et d'impact",
            "meta.generated": "Produit le {0} par sdgpipe {1}.",
            "date": "{0} {1} {2}, {3} UTC",
            "footer": "sdgpipe {0} · tables à côté de ce fichier : {1}",
            "nav.label": "Sections", "nav.summary": "En bref", "nav.overview": "Vue d'ensemble par objectif",
            "nav.actions": "Actions", "nav.progress": "Progrès vers 2030", "nav.gap": "Couverture",
            "nav.profile": "Profil de ville apprenante", "nav.accountability": "Responsabilités",
            "nav.methods": "Méthodes et données",
            "h.summary": "En bref", "h.overview": "Vue d'ensemble par objectif de développement durable",
            "h.actions": "Ce qui a changé après chaque action", "h.progress": "Progrès vers 2030",
            "h.gap": "L'écart de localisation", "h.profile": "Profil de ville apprenante",
            "h.accountability": "Responsabilités", "h.methods": "Méthodes et données",
            "overflow.intro":
                "Ce rapport présente en détail {0} des {1} séries des zones traitées, dans l'ordre de la table de correspondance avec le total de chaque indicateur en premier ; les {2} autres sont comptées par indicateur sous chaque action, comme dans « En bref ». Les tableaux à côté de ce fichier contiennent toutes les lignes.",
            "overflow.caption": "Les {0} autres séries, par indicateur",
            "col.series": "Séries", "col.improved": "Nette amélioration", "col.worsened": "Nette détérioration",
            "col.unclear": "Pas de changement net", "col.not_estimated": "Trop peu de valeurs",
            "col.better": "Mieux que la comparaison", "col.worse": "Moins bien que la comparaison",
            "col.no_evidence": "Pas de différence établie", "col.not_compared": "Pas de comparaison",
            "overflow.areas": "Zones résumées dans ce rapport ({0})",
            "overflow.command":
                "Pour écrire le rapport complet d'une zone (toutes ses fiches et graphiques, avec les zones de comparaison), lancez :",
            "overflow.list": "Les zones, avec leur nombre de séries résumées",
            "overflow.more_areas": "et {0} autres zones (localized_series.csv liste toutes les séries).",
            "overflow.progress":
                "Les {0} autres séries par classe de progrès et par indicateur (progress.csv contient toutes les lignes)",
            "overflow.accountability.one":
                "{0} autre ligne, pour une série non présentée en détail, se trouve dans accountability.csv.",
            "overflow.accountability.other":
                "{0} autres lignes, pour les séries non présentées en détail, se trouvent dans accountability.csv.",
            "col.trajectory": "Médiane et moitié centrale dans le temps",
            "sparkline.desc":
                "{0} : la médiane des séries non présentées est passée de {1} à {2} ; la bande est leur moitié centrale",
            "overview.intro":
                "Chaque tuile est un objectif, colorée selon les progrès des indicateurs locaux de la ville qui y sont liés (score Open SDG moyen des zones traitées) ; le statut est écrit sur la tuile.",
            "n.local_indicators.one": "{0} indicateur local", "n.local_indicators.other": "{0} indicateurs locaux",
            "glance.action": "{0} ({1}) : ", "from": "depuis {0}",
            "glance.no_results": "aucun indicateur évalué dans les zones traitées.",
            "glance.results.one":
                "sur {0} résultat dans les zones traitées, {1} en nette amélioration, {2} en net recul, {3} sans changement net",
            "glance.results.other":
                "sur {0} résultats dans les zones traitées, {1} en nette amélioration, {2} en net recul, {3} sans changement net",
            "glance.not_estimated": ", {0} avec trop peu de valeurs pour comparer",
            "glance.compared":
                "Par rapport aux zones de comparaison : {0} mieux, {1} moins bien, {2} sans différence démontrée",
            "glance.differed": ", {0} différents (sans sens souhaité)",
            "glance.not_compared": ", {0} impossibles à comparer",
            "glance.targets": "{0} cibles des ODD sur {1} ont un indicateur local",
            "glance.no_trend":
                " ; {0} séries sur {1} dans les zones traitées ont trop peu de valeurs pour une tendance",
            "glance.rejected.one": " ; {0} enregistrement rejeté sur {1}",
            "glance.rejected.other": " ; {0} enregistrements rejetés sur {1}",
            "glance.goals_caption": "Séries des zones traitées par objectif et classe de progrès (Open SDG)",
            "action.heading": "{0} (depuis {1})", "action.none": "Aucune série évaluée pour cette action.",
            "col.before_after": "Avant → après", "col.relative": "Variation relative", "col.ci": "IC à 95 %",
            "col.p": "p",
            "col.its_level": "Rupture de niveau (STI)", "col.its_slope": "Rupture de pente / an (STI)",
            "col.did": "DiD face aux zones de comparaison", "col.synthetic": "Contrôle synthétique",
            "col.indicator": "Indicateur", "col.area": "Zone", "col.latest": "Dernière valeur", "col.target": "Cible",
            "col.actual_growth": "Croissance observée / an", "col.required_growth": "Croissance requise / an",
            "col.eurostat": "Eurostat", "col.opensdg": "Open SDG", "col.goal": "Objectif", "col.covered": "Couvertes",
            "col.targets_without": "Cibles sans indicateur local", "col.on_track": "En bonne voie",
            "col.moderate": "Modéré", "col.off_track": "En retard", "col.not_assessed": "Non évalué",
            "col.role": "Rôle",
            "col.status": "Statut", "col.results": "Résultats", "col.source": "Source", "col.file": "Fichier",
            "col.records": "Enregistrements", "col.rejected": "Rejetés", "col.sha": "SHA-256",
            "col.feature": "Domaine d'action et caractéristique", "col.local_indicators": "Indicateurs locaux",
            "col.actions": "Actions",
            "meta.definition": "Définition :", "meta.source": "Source :", "meta.last_updated": "Dernière mise à jour :",
            "meta.link": "En savoir plus sur cet indicateur", "methods.metadata_caption": "Métadonnées des indicateurs",
            "col.definition": "Définition", "col.last_updated": "Dernière mise à jour", "col.link": "Lien",
            "cli.summary": "{0} : {1} enregistrements lus, {2}, {3} séries localisées, {4} lignes d'impact",
            "cli.outputs": "sorties : {0}", "cli.unchanged": "{0} : inchangé, rien à faire",
            "cli.rejected.one": "{0} rejeté", "cli.rejected.other": "{0} rejetés",
            "range": "{0} à {1}", "of": "{0} sur {1}", "target.by": "{0} en {1}", "target.none": "aucune",
            "progress.caption":
                "Dernière valeur face à la cible ; croissance annuelle observée (cinq dernières années) et croissance requise pour atteindre la cible.",
            "gap.intro":
                "{0} cibles des ODD sur {1} ont au moins un indicateur local. Les cibles qui n'en ont pas, par objectif :",
            "profile.intro":
                "Chaque domaine d'action est coloré selon les progrès des indicateurs locaux qui y sont liés (score Open SDG moyen des séries des zones traitées) ; {0} caractéristiques sur {1} ont un indicateur local.",
            "profile.none":
                "Aucun indicateur local n'est lié aux caractéristiques clés des villes apprenantes (<code>kflc:</code> dans la table de correspondance).",
            "profile.framework.intro":
                "{0} des {1} nœuds de son niveau le plus fin ont un indicateur local ; un nœud compte les indicateurs des nœuds qui le composent.",
            "profile.framework.source": "Source : {0}.",
            "profile.gap": "aucun : une lacune",
            "profile.figure":
                "Les caractéristiques clés des villes apprenantes colorées selon les progrès de leurs indicateurs locaux",
            "profile.legend": "{0} (colonnes) · {1} (fondations)",
            "accountability.none": "La table de correspondance ne nomme aucun responsable ni partenaire.",
            "accountability.no_data": "pas de données", "role.owner": "responsable", "role.partner": "partenaire",
            "methods.fetched.downloaded": "téléchargé le {0} (HTTP {2})",
            "methods.fetched.not_modified": "téléchargé le {0} ; inchangé sur le serveur le {1} (HTTP 304)",
            "methods.fetched.offline": "téléchargé le {0} ; lu dans le cache, hors ligne",
            "methods.fetched.cache_after_error":
                "téléchargé le {0} ; le serveur a échoué le {1}, cette copie a donc été lue",
            "maps.heading": "Cartes",
            "maps.intro":
                "Chaque zone est colorée selon sa classe ; survolez ou touchez une zone pour voir son nom et sa valeur. Gris : pas de données.",
            "maps.latest": "Dernière valeur ({0})",
            "maps.latest_each": "dernière année de chaque zone",
            "maps.no_data": "pas de données",
            "maps.not_assessed": "non évalué",
            "maps.progress_eurostat": "Classe de progrès (Eurostat)",
            "maps.progress_opensdg": "Statut de progrès (Open SDG)",
            "maps.effect": "Effet estimé de {0} (doubles différences)",
            "maps.effect_strong_good": "sens souhaité, {0} ou plus",
            "maps.effect_good": "sens souhaité",
            "maps.effect_bad": "sens non souhaité",
            "maps.effect_strong_bad": "sens non souhaité, {0} ou plus",
            "maps.comparison": "zone de comparaison",
            "maps.left_out": "Hors carte (sans limite) : {0}.",
            "maps.not_drawn":
                "{0} autres indicateurs ont des données cartographiables ; leurs valeurs sont dans progress.csv et la sortie GeoJSON.",
            "methods.sources_caption": "Sources lues lors de cette exécution",
            "methods.rejected.one":
                "{0} enregistrement a été rejeté ; chacun figure avec son fichier, sa ligne et le motif dans <a href=\"rejects.csv\">rejects.csv</a>.",
            "methods.rejected.other":
                "{0} enregistrements ont été rejetés ; chacun figure avec son fichier, sa ligne et le motif dans <a href=\"rejects.csv\">rejects.csv</a>.",
            "methods.before_after":
                "Avant/après : différence des moyennes autour du début de l'action, test t de Welch avec les degrés de liberté de Welch–Satterthwaite et son intervalle de confiance à 95 % (Welch 1947) ; g de Hedges (Hedges 1981).",
            "methods.trends":
                "Tendances : moindres carrés ordinaires sur le temps réel ; test de Mann–Kendall (Mann 1945 ; Kendall 1975) ; pente de Sen avec son intervalle de confiance (Sen 1968).",
            "methods.its":
                "Séries temporelles interrompues (STI) : régression segmentée avec rupture de niveau et de pente au début de l'action (Wagner et al. 2002), erreurs types de Newey–West (Newey &amp; West 1987).",
            "methods.did":
                "Doubles différences (DiD) face aux zones de comparaison : 2×2 des moyennes par cellule et effets fixes bidirectionnels avec erreurs types regroupées par zone, et un faux début (placebo) avant l'action. Avec moins de 10 zones, la valeur p regroupée n'est pas fiable : le tableau donne à la place la valeur p exacte par randomisation, l'action étant attribuée tour à tour à chaque zone (sa plus petite valeur est 1 ÷ le nombre de zones).",
            "methods.progress":
                "Progrès : croissance annuelle composée ; classes d'Eurostat (Sustainable development in the EU, annexe méthodologique) ; mesure de progrès d'Open SDG / Statistique Canada ; un score de 0 à 100 et une flèche de tendance à la manière du SDSN ; la distance de l'OCDE à la valeur de 2030.",
            "area.code": "zone {0}",
            "chart.went": "{0} à {1} est passé de {2} en {3} à {4} en {5}",
            "chart.means": "Moyenne de {0} avant et de {1} après {2} ({3}).", "chart.target": "Cible de {0} en {1}.",
            "chart.no_values": "Aucune valeur.", "chart.no_values_desc": "Aucune valeur à tracer.",
            "chart.empty": "{0} : aucune valeur",
            "chart.multiples": "Chacune des {0} zones de comparaison (gris) face à {1} (bleu)",
            "chart.target_line": "cible {0} : {1}",
            "legend.comparison": "zones de comparaison", "legend.band": "{0} zones de comparaison : étendue et médiane",
            "legend.ols": "tendance MCO", "legend.sen": "tendance de Sen",
            "legend.action": "début de l'action, moyennes avant/après", "legend.target": "cible",
            "legend.excluded": "périodes exclues (hachurées)",
            "did.randomization": "p par randomisation {0} sur {1} zones",
            "did.placebo": "faux début {1} : {0}", "did.too_few": "{0} zones, trop peu pour une valeur p",
            "p.randomization": "p par randomisation",
            "p.wild_bootstrap": "p par bootstrap sauvage", "over_areas": "sur {0} zones",
            "verdict.not_possible": "Comparaison avec les zones de comparaison impossible : {0}.",
            "verdict.no_evidence": "Pas de différence démontrée avec les zones de comparaison ({0}).",
            "verdict.rose_more":
                "La hausse y a été plus forte (ou la baisse plus faible) que dans les zones de comparaison ({0}).",
            "verdict.fell_more":
                "La baisse y a été plus forte (ou la hausse plus faible) que dans les zones de comparaison ({0}).",
            "synthetic.poor_fit": "mauvais ajustement avant le début : à ne pas interpréter",
            "synthetic.placebo": "p placebo {0} sur {1} zones",
            "sentence.too_few": "{0} à {1} : trop peu de valeurs autour de {2} pour comparer avant et après.",
            "ci": "IC à 95 % de {0} à {1}", "sentence.rose": "{0} à {1} a augmenté de {2} ({3})",
            "sentence.fell": "{0} à {1} a diminué de {2} ({3})",
            "sentence.no_clear_change": "{0} à {1} n'a pas changé nettement ({2})", "no_interval": "sans intervalle",
            "sentence.after": "après le début de {0} en {1}",
            "sentence.peers_rose": " ; dans les zones de comparaison, il a augmenté de {0} en moyenne",
            "sentence.peers_fell": " ; dans les zones de comparaison, il a diminué de {0} en moyenne",
            "percentage_points": "points de pourcentage",
            "number.million": " million", "number.millions": " millions", "number.billion": " milliard",
            "number.billions": " milliards",
            "sdmx.sex.F": "femmes", "sdmx.sex.M": "hommes", "sdmx.sex._T": "total",
            "status.target_achieved": "Cible atteinte", "status.substantial_progress": "En bonne voie",
            "status.moderate_progress": "Progrès, accélération nécessaire",
            "status.limited_progress": "Progrès limités",
            "status.deterioration": "Détérioration", "status.not_assessed": "Non évalué",
            "status.no_indicator": "Aucun indicateur local", "status.not_available": "Non disponible",
            "eurostat.significant_progress": "progrès significatifs", "eurostat.moderate_progress": "progrès modérés",
            "eurostat.insufficient_progress": "progrès insuffisants",
            "eurostat.moderate_movement_away": "éloignement modéré",
            "eurostat.significant_movement_away": "éloignement significatif", "eurostat.target_met": "cible atteinte",
            "why.too_few_points": "trop peu de points", "why.zero_variance": "variance nulle",
            "why.too_few_clusters": "trop peu de zones", "why.few_clusters": "trop peu de zones",
            "why.se_degenerate": "erreur type dégénérée", "why.collinear": "variables colinéaires",
            "why.poor_pre_fit": "mauvais ajustement avant le début", "why.no_target": "pas de cible",
            "why.no_direction": "pas de sens souhaité", "why.target_already_met": "cible déjà atteinte",
            "why.target_met_at_base": "cible atteinte dès l'année de base",
            "why.target_behind_worst": "cible en deçà de la valeur la plus défavorable",
            "why.sign_change": "changement de signe", "why.cagr_base_not_positive": "valeur de base non positive",
            "why.not_available": "non disponible",
        ]
        let months = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ]
        for (i, m) in months.enumerated() { t["month.\(i + 1)"] = m }
        let goals = [
            "Pas de pauvreté", "Faim « zéro »", "Bonne santé et bien-être", "Éducation de qualité",
            "Égalité entre les sexes", "Eau propre et assainissement", "Énergie propre et d'un coût abordable",
            "Travail décent et croissance économique", "Industrie, innovation et infrastructure",
            "Inégalités réduites", "Villes et communautés durables", "Consommation et production responsables",
            "Mesures relatives à la lutte contre les changements climatiques", "Vie aquatique", "Vie terrestre",
            "Paix, justice et institutions efficaces", "Partenariats pour la réalisation des objectifs",
        ]
        for (i, g) in goals.enumerated() { t["goal.\(i + 1)"] = g }
        t.merge(Self.kflcFrench) { a, _ in a }
        return t
    }()

    static let kflcFrench: [String: String] = [
        "kflc.benefits": "Bienfaits d'une ville apprenante",
        "kflc.individual-empowerment-and-social-cohesion": "Autonomisation des personnes et cohésion sociale",
        "kflc.empowerment.capabilities":
            "Les habitants acquièrent lecture, écriture et compétences de base et participent à la vie de la ville",
        "kflc.empowerment.equity": "Égalité des chances quels que soient le genre, l'origine ou le handicap",
        "kflc.empowerment.civic": "Citoyenneté active, bénévolat et cohésion sociale",
        "kflc.economic-development-and-cultural-prosperity": "Développement économique et prospérité culturelle",
        "kflc.economy.employment": "Un apprentissage qui améliore l'employabilité et les revenus",
        "kflc.economy.innovation": "Innovation et entrepreneuriat nourris par l'apprentissage",
        "kflc.economy.culture": "Accès à la culture et participation aux activités culturelles",
        "kflc.sustainable-development": "Développement durable",
        "kflc.sustainability.environment": "Un apprentissage qui réduit l'empreinte environnementale de la ville",
        "kflc.sustainability.awareness": "Éducation au développement durable à tout âge",
        "kflc.sustainability.resilience": "Une vie urbaine résiliente, verte et saine",
        "kflc.building-blocks": "Piliers d'une ville apprenante",
        "kflc.inclusive-learning-in-the-education-system": "Apprentissage inclusif de l'éducation de base au supérieur",
        "kflc.education.early-childhood": "Accès à la protection et à l'éducation de la petite enfance",
        "kflc.education.schooling": "Accès à l'enseignement primaire et secondaire et achèvement",
        "kflc.education.tertiary-and-vocational": "Accès à l'enseignement professionnel, technique et supérieur",
        "kflc.education.second-chance": "Parcours de deuxième chance et reconnaissance des acquis",
        "kflc.education.disadvantaged": "Soutien aux apprenants handicapés, migrants et autres publics défavorisés",
        "kflc.revitalized-learning-in-families-and-communities":
            "Apprentissage revitalisé dans les familles et les communautés",
        "kflc.community.learning-spaces":
            "Centres d'apprentissage communautaires, bibliothèques et musées ouverts à tous",
        "kflc.community.family-learning": "Apprentissage en famille et entre générations",
        "kflc.community.participation": "Participation des habitants à l'apprentissage communautaire",
        "kflc.community.marginalized": "Aller vers les publics qui apprennent rarement",
        "kflc.effective-learning-for-and-in-the-workplace": "Apprentissage efficace pour et sur le lieu de travail",
        "kflc.workplace.employers": "Employeurs et syndicats soutiennent l'apprentissage au travail",
        "kflc.workplace.skills": "Perfectionnement et reconversion de la main-d'œuvre",
        "kflc.workplace.unemployed": "Offres d'apprentissage pour les demandeurs d'emploi et les jeunes sans emploi",
        "kflc.extended-use-of-modern-learning-technologies": "Usage élargi des technologies modernes d'apprentissage",
        "kflc.technology.access": "Accès à Internet et aux appareils numériques pour apprendre",
        "kflc.technology.skills": "Compétences numériques des apprenants et des formateurs",
        "kflc.technology.open-resources": "Apprentissage en ligne et ressources éducatives libres",
        "kflc.enhanced-quality-in-learning": "Meilleure qualité de l'apprentissage",
        "kflc.quality.learner-centred": "Apprentissage centré sur l'apprenant et contenus pertinents",
        "kflc.quality.educators": "Formateurs qualifiés pour les adultes et les communautés",
        "kflc.quality.values": "Un apprentissage qui cultive des valeurs communes et le respect mutuel",
        "kflc.vibrant-culture-of-learning-throughout-life":
            "Une culture vivante de l'apprentissage tout au long de la vie",
        "kflc.culture.events": "Festivals et événements publics qui célèbrent l'apprentissage",
        "kflc.culture.information": "Information, orientation et accompagnement des apprenants",
        "kflc.culture.recognition": "Reconnaissance et valorisation de l'apprentissage sous toutes ses formes",
        "kflc.conditions": "Conditions fondamentales d'une ville apprenante",
        "kflc.strong-political-will-and-commitment": "Volonté et engagement politiques forts",
        "kflc.commitment.leadership": "Les élus de la ville portent le projet de ville apprenante",
        "kflc.commitment.strategy": "Une stratégie et un plan de ville apprenante avec des cibles",
        "kflc.commitment.monitoring": "Suivi régulier et compte rendu public des progrès",
        "kflc.governance-and-participation-of-all-stakeholders":
            "Gouvernance et participation de toutes les parties prenantes",
        "kflc.governance.coordination": "Une instance de coordination entre les services de la ville",
        "kflc.governance.partnerships": "Partenariats avec la société civile, les entreprises et les universités",
        "kflc.governance.networks": "Échanges avec d'autres villes apprenantes",
        "kflc.mobilization-and-utilization-of-resources": "Mobilisation et utilisation des ressources",
        "kflc.resources.funding": "Financement public et privé de l'apprentissage tout au long de la vie",
        "kflc.resources.facilities": "Utilisation partagée des équipements pour l'apprentissage",
        "kflc.resources.volunteers": "Bénévoles et savoirs locaux comme ressources d'apprentissage",
    ]
}
