import Foundation

extension FrameworkFileParser {
    /// UN-Habitat's Urban Monitoring Framework as a framework file (the format of a city's own): its five domains,
    /// each crossed with its four objectives. The framework's own indicators are not listed; links to SDG targets are
    /// left to the pipeline's `sdg:`, since the UMF maps to the SDGs at the level of its indicators.
    static let urbanMonitoringFramework = """
        framework: umf
        name: Urban Monitoring Framework (UN-Habitat)
        source: "UN-Habitat, The Urban Monitoring Framework (2022): 5 domains x 4 objectives; labels paraphrased"
        levels: [Domain, Objective]
        nodes:
          - {id: society, label: "Society"}
          - {id: society.safe, parent: society, label: "Society: safe and peaceful"}
          - {id: society.inclusive, parent: society, label: "Society: inclusive"}
          - {id: society.resilient, parent: society, label: "Society: resilient"}
          - {id: society.sustainable, parent: society, label: "Society: sustainable"}
          - {id: economy, label: "Economy"}
          - {id: economy.safe, parent: economy, label: "Economy: safe and peaceful"}
          - {id: economy.inclusive, parent: economy, label: "Economy: inclusive"}
          - {id: economy.resilient, parent: economy, label: "Economy: resilient"}
          - {id: economy.sustainable, parent: economy, label: "Economy: sustainable"}
          - {id: environment, label: "Environment"}
          - {id: environment.safe, parent: environment, label: "Environment: safe and peaceful"}
          - {id: environment.inclusive, parent: environment, label: "Environment: inclusive"}
          - {id: environment.resilient, parent: environment, label: "Environment: resilient"}
          - {id: environment.sustainable, parent: environment, label: "Environment: sustainable"}
          - {id: culture, label: "Culture"}
          - {id: culture.safe, parent: culture, label: "Culture: safe and peaceful"}
          - {id: culture.inclusive, parent: culture, label: "Culture: inclusive"}
          - {id: culture.resilient, parent: culture, label: "Culture: resilient"}
          - {id: culture.sustainable, parent: culture, label: "Culture: sustainable"}
          - {id: governance, label: "Governance and implementation"}
          - {id: governance.safe, parent: governance, label: "Governance and implementation: safe and peaceful"}
          - {id: governance.inclusive, parent: governance, label: "Governance and implementation: inclusive"}
          - {id: governance.resilient, parent: governance, label: "Governance and implementation: resilient"}
          - {id: governance.sustainable, parent: governance, label: "Governance and implementation: sustainable"}
        """
}
