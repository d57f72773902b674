import Testing

@testable import SDGPipeline

@Suite struct ScaffoldTests {
    /// File names and ids in ASCII whatever the city's name; nothing Latin left gives `city`.
    @Test(arguments: [
        ("Göttingen", "goettingen"), ("São Paulo", "sao-paulo"), ("Port Ellis", "port-ellis"),
        ("Kraków", "krakow"), ("Straßburg", "strassburg"), ("  Île-de-France ", "ile-de-france"),
        ("Αθήνα", "city"), ("N'Djamena", "n-djamena"), ("Łódź", "lodz"),
    ])
    func slugs(_ name: String, _ slug: String) {
        #expect(PipelineScaffold.slug(name) == slug)
    }
}
