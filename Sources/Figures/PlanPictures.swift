import Foundation
import Simulation

/// One picture of one step of a simulated plan, on demand: what a live view (`stipple serve`)
/// needs, where `PlanOutputs` draws every picture of a plan at once.
///
/// Why a separate entry point: a trainer moving a control looks at one picture; drawing all 15
/// of the demo plan costs about ten times what the visible one does. The renderers (which
/// precompute density fields and head geometry per result) are built on first use and kept, so
/// stepping the slider over a result already simulated only draws. The pictures are the same
/// bytes `simulate` writes under the matching file name (`fileName(_:step:)`).
///
/// Safe to share between tasks: the lazily built renderers sit behind a lock; drawing itself
/// works on value copies.
public final class PlanPictures: @unchecked Sendable {
    /// The views a page offers, in its tab order.
    public enum View: String, CaseIterable, Sendable {
        /// The macro close-up and the view at conversational distance (`macro_session<N>.png`).
        case macro
        /// The appearance close-up with its whole-head overview; faded at follow-ups (`appearance_*.png`).
        case closeUp = "close-up"
        /// Front, side and top of the head (`head_session<N>.png`).
        case head
        /// Impressions per cm² on the head chart (`density_session<N>.png`).
        case density
        /// Every dot on the chart with the merge close-up (`dots_session<N>.png`).
        case dots
        /// Colour and density over the years (`fade_curves.png`; the same at every step).
        case fade
    }

    public let result: SimulationResult
    /// The slider's steps: each session, then each follow-up (`ReportTimeline`).
    public let timeline: ReportTimeline

    private let lock = NSLock()
    private var maps: ChartMapRenderer?
    private var looks: AppearanceRenderer?
    private var heads: HeadViewRenderer?

    public init(result: SimulationResult) {
        self.result = result
        timeline = ReportTimeline(result)
    }

    /// Views that have a picture for this plan (no fade curves without an outlook).
    public var views: [View] { View.allCases.filter { $0 != .fade || result.outlook != nil } }

    /// The file name `simulate` gives this picture, or nil when `step` (0-based, into
    /// `timeline.steps`) or the view does not exist.
    public func fileName(_ view: View, step: Int) -> String? {
        guard timeline.steps.indices.contains(step), views.contains(view) else { return nil }
        let s = timeline.steps[step]
        switch view {
        case .macro: return timeline.sessionImage("macro_session", step: s)
        case .closeUp: return timeline.appearanceImage(step: s, result: result)
        case .head: return timeline.sessionImage("head_session", step: s)
        case .density: return timeline.sessionImage("density_session", step: s)
        case .dots: return timeline.sessionImage("dots_session", step: s)
        case .fade: return "fade_curves.png"
        }
    }

    /// The PNG of `view` at `step`; nil when the step or view does not exist.
    public func png(_ view: View, step: Int) throws(SimulationError) -> [UInt8]? {
        guard fileName(view, step: step) != nil else { return nil }
        let s = timeline.steps[step]
        switch view {
        case .macro: return try appearance().macroPNG(after: s.placed)
        case .closeUp:
            switch s.moment {
            case .session(let i): return try appearance().appearancePNG(after: i + 1)
            case .followUp(let i, _): return try appearance().appearancePNG(followUp: result.outlook!.followUps[i])
            }
        case .head: return try headViews().png(after: s.placed)
        case .density: return try chartMaps().densityPNG(after: result.sessions[s.placed - 1])
        case .dots: return try chartMaps().dotsPNG(after: result.sessions[s.placed - 1])
        case .fade: return try FadeCurvesFigure.png(result, result.outlook!)
        }
    }

    /// The renderer kept in `slot`, built by `build` on first use: under the lock, so two
    /// requests for the same result share one renderer and each is built once per result.
    private func cached<Renderer>(_ slot: ReferenceWritableKeyPath<PlanPictures, Renderer?>,
                                  _ build: () -> Renderer) -> Renderer {
        lock.lock(); defer { lock.unlock() }
        if let kept = self[keyPath: slot] { return kept }
        let built = build()
        self[keyPath: slot] = built
        return built
    }

    private func appearance() -> AppearanceRenderer { cached(\.looks) { AppearanceRenderer(result: result) } }

    private func chartMaps() -> ChartMapRenderer { cached(\.maps) { ChartMapRenderer(result: result) } }

    private func headViews() -> HeadViewRenderer {
        let looks = appearance()  // before taking the lock: appearance() takes it too
        return cached(\.heads) { HeadViewRenderer(result: result, looks: looks) }
    }
}
