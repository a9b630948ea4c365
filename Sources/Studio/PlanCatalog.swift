import Foundation
import Plans

/// The plans a studio page may open, by name only: the shipped plans (`Data/plans/*.yaml`), the
/// `stipple init` templates, and the plan file given on the command line.
///
/// Why names and never paths: a page (or anything that can reach the port) must not make the
/// server read a file of its choosing. A name is looked up in this fixed table; anything else
/// is "unknown", whatever dots or slashes it holds.
public struct PlanCatalog: Sendable {
    public struct Entry: Sendable, Equatable {
        public enum Kind: String, Sendable { case opened, plan, template }
        public let name: String
        public let kind: Kind
        /// The first comment line of the plan (what it shows), or the template's summary.
        public let summary: String
        /// The plan's text (YAML), read once at start.
        public let text: String
    }

    public let entries: [Entry]

    /// Reads the shipped plans of `data` and the templates; `opened` (the command line's plan
    /// file, already read by the caller) comes first. A shipped plan that does not read as a
    /// valid plan is left out (the golden tests keep them valid).
    public init(data: DataLibrary, opened: (name: String, text: String)? = nil) {
        var entries: [Entry] = []
        // Names resolved in this data folder, as the engine serving the plans resolves them.
        let reader = (try? PlanVocabulary(data: data)).map { PlanReader(vocabulary: $0) } ?? PlanReader()
        if let opened {
            entries.append(Entry(name: opened.name, kind: .opened, summary: Self.summary(of: opened.text), text: opened.text))
        }
        let files = ((try? FileManager.default.contentsOfDirectory(at: data.plans, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        for file in files {
            let name = file.deletingPathExtension().lastPathComponent
            guard !entries.contains(where: { $0.name == name }),
                  let data = try? Data(contentsOf: file), data.count <= PlanReader.maximumFileBytes,
                  let text = String(data: data, encoding: .utf8),
                  (try? reader.parse(text, file: file.lastPathComponent, defaultName: name)) != nil
            else { continue }
            entries.append(Entry(name: name, kind: .plan, summary: Self.summary(of: text), text: text))
        }
        for template in PlanTemplate.allCases {
            let name = "template-" + template.rawValue
            guard !entries.contains(where: { $0.name == name }) else { continue }
            entries.append(Entry(name: name, kind: .template, summary: template.summary,
                                 text: template.text(stage: "V", skin: PlanDefaults.skin)))
        }
        self.entries = entries
    }

    /// The entry called exactly `name`, or nil.
    public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// The first `# ` comment line of a plan, without the `#`.
    static func summary(of text: String) -> String {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") { return String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if !trimmed.isEmpty { break }
        }
        return ""
    }
}
