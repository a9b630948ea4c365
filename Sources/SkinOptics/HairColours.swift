import Foundation

/// Named hair colours (CIELAB) from `Data/hair/hair_colours.csv` — values are labelled
/// assumptions, see Data/hair/README.md. Used to match an SMP shade to remaining hair.
public struct HairColours: Sendable {
    public let colours: [(name: String, lab: Lab)]

    public init(dataDirectory: URL) throws(SkinOpticsError) {
        let url = dataDirectory.appendingPathComponent("hair/hair_colours.csv")
        var out: [(String, Lab)] = []
        for record in try CSVTable.records(url).dropFirst() {
            let f = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count == 4, let l = Double(f[1]), let a = Double(f[2]), let b = Double(f[3]) else {
                throw .malformedData(path: url.path, line: record.line, reason: "expected name,L,a,b")
            }
            out.append((f[0], Lab(L: l, a: a, b: b)))
        }
        colours = out
    }

    public var names: [String] { colours.map(\.name) }

    public func lab(named name: String) throws(SkinOpticsError) -> Lab {
        guard let c = colours.first(where: { $0.name == name.lowercased() }) else {
            throw .unknownHairColour(name: name, known: names)
        }
        return c.lab
    }
}
