import Testing
@testable import SkinOptics

@Suite("Hair colour table")
struct HairColourTests {
    @Test("the brown series gets lighter and yellower from black to blonde; unknown names listed")
    func table() throws {
        let hair = try HairColours(dataDirectory: dataDirectory)
        let series = try ["black", "dark-brown", "medium-brown", "light-brown", "blonde"].map { try hair.lab(named: $0) }
        for (d, l) in zip(series, series.dropFirst()) { #expect(l.L > d.L && l.b > d.b) }
        #expect(try hair.lab(named: "grey").chroma < 5)
        #expect(throws: SkinOpticsError.unknownHairColour(name: "teal", known: hair.names)) { try hair.lab(named: "teal") }
    }
}
