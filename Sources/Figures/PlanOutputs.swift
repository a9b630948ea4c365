import Foundation
import Impressions
import Plans
import Rendering
import Reports
import ScalpModel
import Simulation
import SkinOptics
import Support

/// Turns a `SimulationResult` into the files of one plan's output folder.
public enum PlanOutputs {
    public static let reportFileName = ReportFiles.reportFileName
    public static let sessionsFileName = ReportFiles.sessionsFileName
    public static let dotsFileName = ReportFiles.dotsFileName

    /// Which files to produce. `simulate` writes everything; batches choose.
    public struct Selection: Sendable {
        public enum Images: String, Sendable, CaseIterable {
            /// No PNGs.
            case none
            /// The density heatmap and appearance preview after the last session.
            case summary
            /// Every PNG `simulate` writes.
            case all
        }
        public var images: Images
        public var dots: Bool
        /// Also write `report.html` (only when images are on: the page is built from them).
        public var html: Bool
        /// Format of the charts (today `fade_curves`); the maps and previews stay PNG (they are
        /// rasters of simulated dots, not charts).
        public var figureFormat: FigureFormat
        /// Layout width of each chart in px (nil: the default, 900); heights follow.
        public var figureWidth: Int?
        /// Batches: a folder, relative to the plan's folder (`../pictures`), that holds every
        /// picture once, named by its content (SHA-256), so plans with identical pictures share
        /// one file; the sheets are written small (`sheetFormat`, `SheetEncoding`), `report.html` links them
        /// instead of embedding copies, and `pictures.csv` says which file is which picture.
        /// nil (`simulate`): pictures beside the report, which embeds them (self-contained).
        public var sharedPictures: String?
        /// Batches (`sharedPictures` set): how the projector sheets are written, lossy WebP
        /// (the default) or palette PNG. Without `sharedPictures` they are true-colour PNGs.
        public var sheetFormat: SheetFormat
        /// How report.json is laid out: indented (`simulate`, a file a person opens) or on one
        /// line (batches: the same document, about a third fewer bytes in every plan).
        public var reportLayout: StippleJSON.Layout
        public init(images: Images, dots: Bool, html: Bool = true, sharedPictures: String? = nil,
                    reportLayout: StippleJSON.Layout = .pretty, figureFormat: FigureFormat = .png, figureWidth: Int? = nil,
                    sheetFormat: SheetFormat = .webp) {
            self.images = images
            self.sheetFormat = sheetFormat
            self.dots = dots
            self.html = html
            self.sharedPictures = sharedPictures
            self.reportLayout = reportLayout
            self.figureFormat = figureFormat
            self.figureWidth = figureWidth
        }
        public static let everything = Selection(images: .all, dots: true)
        /// The appearance sheet without its whole-head panel: in a batch with `.summary`
        /// pictures the head views are linked beside it and show the head from above already.
        var appearanceCloseUpOnly: Bool { sharedPictures != nil && images == .summary }
        /// How the sheets are encoded: small in a batch (`sheetFormat`), true-colour PNG otherwise.
        var sheetEncoding: SheetEncoding { sharedPictures == nil ? SheetEncoding() : SheetEncoding(batch: sheetFormat) }
    }

    /// All files for `result`, in memory: report.json, sessions.csv, dots.csv, per-session PNGs and
    /// report.html (which embeds the PNGs, so it is built after them).
    public static func files(for result: SimulationResult, selection: Selection = .everything) throws(SimulationError) -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = [(sessionsFileName, ReportFiles.sessionsCSV(result))]
        if selection.dots { files.append((dotsFileName, ReportFiles.dotsCSV(result))) }
        if let outlook = result.outlook {
            files.append(("timeline.csv", FadeReportFiles.timelineCSV(outlook)))
            files.append(("timeline_sessions.csv", FadeReportFiles.sessionsCSV(outlook)))
            files.append(("fade_curves.csv", FadeReportFiles.curvesCSV(result, outlook)))
        }
        // Image jobs: (kind, session index or follow-up index). Kinds: 0 density, 1 dots,
        // 2 appearance, 3 appearance at a follow-up, 4 fade curves, 5 head views, 6 macro and
        // distance views.
        var jobs: [(Int, Int)] = []
        let followUps = result.outlook?.followUps ?? []
        switch selection.images {
        case .none: break
        case .summary: jobs = [(0, result.sessions.count - 1), (2, result.sessions.count - 1), (5, result.sessions.count - 1)]
            + (result.outlook == nil ? [] : [(4, 0)])
        case .all:
            jobs = result.sessions.indices.flatMap { [(0, $0), (1, $0), (2, $0), (5, $0), (6, $0)] }
                + followUps.indices.filter { !followUps[$0].sessions.isEmpty }.map { (3, $0) }
                + (result.outlook == nil ? [] : [(4, 0)])
        }
        // Images are independent: render them on all cores, collected in a fixed order. The
        // renderers precompute fields (density per session, overlays), so only when drawing.
        let maps: ChartMapRenderer? = jobs.isEmpty ? nil : { () -> ChartMapRenderer in
            var renderer = ChartMapRenderer(result: result)
            renderer.encoding = selection.sheetEncoding
            return renderer
        }()
        let looks: AppearanceRenderer? = jobs.isEmpty ? nil : { () -> AppearanceRenderer in
            var renderer = AppearanceRenderer(result: result)
            renderer.encoding = selection.sheetEncoding
            renderer.closeUpOnly = selection.appearanceCloseUpOnly
            return renderer
        }()
        // The head views' geometry is the same for every session: built once.
        let heads = jobs.contains { $0.0 == 5 } ? HeadViewRenderer(result: result, looks: looks!) : nil
        let sheet = selection.sheetEncoding.fileExtension
        let images = try parallelMap(jobs, parallel: result.parallel) { job throws(SimulationError) -> (name: String, bytes: [UInt8]) in
            let maps = maps!, looks = looks!
            let (kind, i) = job
            switch kind {
            case 0: return ("density_session\(i + 1).\(sheet)", try maps.densityPNG(after: result.sessions[i]))
            case 1: return ("dots_session\(i + 1).\(sheet)", try maps.dotsPNG(after: result.sessions[i]))
            case 2: return ("appearance_session\(i + 1).\(sheet)", try looks.appearancePNG(after: i + 1))
            case 3: return ("appearance_day\(CSV.number(followUps[i].day)).\(sheet)", try looks.appearancePNG(followUp: followUps[i]))
            case 5: return ("head_session\(i + 1).\(sheet)", try heads!.png(after: i + 1))
            case 6: return ("macro_session\(i + 1).\(sheet)", try looks.macroPNG(after: i + 1))
            default: return try FadeCurvesFigure.file(result, result.outlook!, format: selection.figureFormat,
                                                      width: selection.figureWidth ?? FadeCurvesFigure.defaultWidth)
            }
        }
        var links: [String: String]? = nil
        if let folder = selection.sharedPictures, !images.isEmpty {
            let stored = sharedPictureFiles(images, folder: folder)
            links = stored.links
            files.append((picturesFileName, stored.listing))
            files += stored.files
        } else {
            files += images
        }
        if selection.html && selection.images != .none {
            let pictures = Dictionary(images.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a })
            // A batch stores the page's style and script once too, content-addressed beside the
            // pictures (10 kB that every plan's page would otherwise repeat).
            var assets: (style: String, script: String)? = nil
            if let folder = selection.sharedPictures {
                let stored = sharedPictureFiles([(pageStyleName, HTMLReport.style.bytes), (pageScriptName, HTMLReport.script.bytes)], folder: folder)
                assets = (stored.links[pageStyleName]!, stored.links[pageScriptName]!)
                files += stored.files
            }
            files.append((HTMLReport.fileName, HTMLReport.page(result, images: pictures, links: links,
                                                                 appearanceCloseUpOnly: selection.appearanceCloseUpOnly, assets: assets,
                                                                 sheetExtension: sheet)))
        }
        let outputs = files.map(\.name) + [reportFileName]
        files.append((reportFileName, try ReportFiles.reportJSON(result, outputs: outputs, layout: selection.reportLayout)))
        return files
    }

    /// Names of a batch page's shared style sheet and script (before content addressing).
    static let pageStyleName = "report.css", pageScriptName = "report.js"

    /// `pictures.csv` of a batch plan: which shared file holds each of its pictures.
    public static let picturesFileName = "pictures.csv"

    /// The pictures as content-addressed files in `folder` (name: the first 32 hex digits of
    /// their SHA-256, and their extension), each distinct one once; the address of each picture
    /// for `report.html`; and `pictures.csv` (`picture,file`, in rendering order).
    static func sharedPictureFiles(_ images: [(name: String, bytes: [UInt8])], folder: String)
        -> (files: [(name: String, bytes: [UInt8])], links: [String: String], listing: [UInt8]) {
        var files: [(name: String, bytes: [UInt8])] = [], links: [String: String] = [:]
        var listing = "picture,file\n"
        for image in images {
            let suffix = image.name.split(separator: ".").last.map { "." + $0 } ?? ""
            let path = folder + "/" + SHA256.hex(image.bytes).prefix(32) + suffix
            if !files.contains(where: { $0.name == path }) { files.append((path, image.bytes)) }
            links[image.name] = path
            listing += CSV.text(image.name) + "," + CSV.text(path) + "\n"
        }
        return (files, links, Array(listing.utf8))
    }
}
