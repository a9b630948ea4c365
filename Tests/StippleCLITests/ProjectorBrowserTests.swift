import Foundation
import Rendering
import StippleTestSupport
import Testing

/// The demo's `report.html` as a trainer drives it on a projector, in a real headless Chromium
/// at 1280 × 800 and 1920 × 1080, by key presses and clicks (`DevToolsBrowser`): the address
/// opens a step and a view, ←/→/Home/End and the step buttons step without leaving projector
/// mode, Esc leaves it, every step of a view has the same picture size, the text in the pictures
/// is ≥ 24 px as displayed, and nothing runs off the right edge of the page.
///
/// Skipped, saying so, only where no Chromium is installed (`apt-get install chromium`;
/// `.ci/run` and `scripts/install-deps` install it). With a browser present, any failure to
/// start or drive it fails the test.
@Suite("report.html on a projector (keyed, in headless Chromium)", .serialized)
struct ProjectorBrowserTests {
    static let skipReason: Comment = "headless Chromium is not installed (apt-get install chromium): projector tests skipped"

    /// The demo's output folder, simulated once for every suite that reads it.
    static let demo: Result<URL, Error> = Result { try CLIRunner.demoOutputs() }

    /// What the page shows now: step, view, projector mode and the active picture.
    struct Shown: Equatable {
        var step: Int
        var view: String
        var projector: Bool
        var name: String
        var natural: [Int]
        var box: [Int]
    }

    static let shownScript = """
        (function(){
          var panel=document.querySelector(".panel:not(.inactive)");
          var img=panel?Array.prototype.slice.call(panel.querySelectorAll("img")).filter(function(i){return !i.hidden;})[0]:null;
          var r=img?img.getBoundingClientRect():{left:0,top:0,width:0,height:0};
          return JSON.stringify({step:parseInt(document.body.getAttribute("data-step"),10),view:document.body.getAttribute("data-view")||"",
            projector:document.body.classList.contains("projector"),name:img?img.getAttribute("data-name"):"",
            natural:img?[img.naturalWidth,img.naturalHeight]:[0,0],box:[Math.round(r.left),Math.round(r.top),Math.round(r.width),Math.round(r.height)]});
        })()
        """

    static func shown(_ b: DevToolsBrowser) throws -> Shown {
        let json = try b.string(shownScript)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return Shown(step: o["step"] as? Int ?? -1, view: o["view"] as? String ?? "", projector: o["projector"] as? Bool ?? false,
                     name: o["name"] as? String ?? "", natural: o["natural"] as? [Int] ?? [], box: o["box"] as? [Int] ?? [])
    }

    /// The displayed size (px) of the smallest text in the active picture: its `data-text-px`
    /// (the font size the sheet draws with) × how much the browser scaled the picture.
    static let textScript = """
        (function(){
          var panel=document.querySelector(".panel:not(.inactive)");
          var img=Array.prototype.slice.call(panel.querySelectorAll("img")).filter(function(i){return !i.hidden;})[0];
          var px=parseFloat(img.getAttribute("data-text-px")||"0"), r=img.getBoundingClientRect();
          return px*Math.min(r.width/img.naturalWidth,r.height/img.naturalHeight);
        })()
        """

    /// Elements of the page (header and every section) whose right edge passes
    /// their section's content edge (inside its padding) or the window's, or a horizontal
    /// scrollbar on the page or in them.
    static let clippedScript = """
        (function(){
          var out=[], w=window.innerWidth;
          if(document.documentElement.scrollWidth>w+1)out.push("page is "+document.documentElement.scrollWidth+" px wide");
          ["header"].concat(Array.prototype.map.call(document.querySelectorAll("body > section"),function(e){return "#"+e.id;})).forEach(function(q){
            var root=document.querySelector(q); if(!root)return;
            var edge=Math.min(w,root.getBoundingClientRect().right-parseFloat(getComputedStyle(root).paddingRight));
            [root].concat(Array.prototype.slice.call(root.querySelectorAll("*"))).forEach(function(e){
              var r=e.getBoundingClientRect();
              if(e!==root&&r.width>0&&r.right>edge+1)out.push(e.tagName+(e.className?"."+e.className:"")+" ends at "+Math.round(r.right)+" > "+Math.round(edge));
              if(e.scrollWidth>e.clientWidth+1&&getComputedStyle(e).overflowX!=="visible")out.push(e.tagName+" scrolls "+e.scrollWidth+">"+e.clientWidth);
            });
          });
          return out.slice(0,8).join("; ");
        })()
        """

    @Test("the address opens a step and a view; the active tab is aria-selected; tabs and keys write the address back",
          .enabled(if: BrowserTests.chromium != nil, skipReason), arguments: [(1280, 800), (1920, 1080)])
    func address(width: Int, height: Int) throws {
        let dir = try Self.demo.get()
        try SharedBrowser.withPage(width: width, height: height) { b in
            let page = dir.appendingPathComponent("report.html").absoluteString
            try b.open(page + "#step=3&view=density")
            var now = try Self.shown(b)
            #expect(now.step == 3 && now.view == "density" && now.name == "density_session3.png", "\(now)")
            #expect(try b.string("Array.prototype.map.call(document.querySelectorAll('[role=tab]'),function(t){return t.getAttribute('data-tab')+'='+t.getAttribute('aria-selected');}).join(' ')")
                    == "appearance=false macro=false density=true dots=false head=false")
            try b.click("[role=tab][data-tab=macro]")
            #expect(try b.string("location.hash") == "#step=3&view=macro")
            try b.press(.arrowRight)
            #expect(try b.string("location.hash") == "#step=4&view=macro")
            now = try Self.shown(b)
            #expect(now.step == 4 && now.name == "macro_session3.png", "\(now)")
            // A reload at that address shows the same step and view.
            try b.open(page + "#step=4&view=macro")
            #expect(try Self.shown(b).name == "macro_session3.png")
            // An unknown view falls back to the first tab rather than showing nothing.
            try b.open(page + "#step=1&view=nonsense")
            now = try Self.shown(b)
            #expect(now.view == "appearance" && now.name == "appearance_session2.png", "\(now)")
            #expect(b.scriptErrors.isEmpty, "\(b.scriptErrors)")
        }
    }

    @Test("projector mode survives ←/→, Home/End, the step buttons and the tabs' views; Esc leaves it; every step of a view keeps its size and legible text",
          .enabled(if: BrowserTests.chromium != nil, skipReason), arguments: [(1280, 800), (1920, 1080)])
    func projector(width: Int, height: Int) throws {
        let dir = try Self.demo.get()
        try SharedBrowser.withPage(width: width, height: height) { b in
            let page = dir.appendingPathComponent("report.html").absoluteString
            for view in ["appearance", "macro", "density", "dots", "head"] {
                try b.open(page + "#step=0&view=\(view)")
                #expect(try !Self.shown(b).projector)
                try b.click(".panel:not(.inactive) img:not([hidden])")
                let first = try Self.shown(b)
                #expect(first.projector, "\(view): a click on the picture did not enter projector mode")
                // The picture fills the screen under one row of controls.
                #expect(first.box.count == 4 && Double(first.box[3]) > 0.7 * Double(height), "\(view): \(first.box) in \(width)×\(height)")
                var seen = [first]
                for _ in 0..<7 {
                    try b.press(.arrowRight)
                    seen.append(try Self.shown(b))
                }
                #expect(seen.map(\.step) == Array(0...7), "\(view): \(seen.map(\.step))")
                let left = seen.filter { !$0.projector }.map(\.step)
                #expect(left.isEmpty, "\(view): → left projector mode at steps \(left)")
                // Same pixels and the same place on screen at every step: nothing jumps.
                #expect(Set(seen.map(\.natural)).count == 1, "\(view): sizes \(Set(seen.map(\.natural)))")
                #expect(Set(seen.map(\.box)).count == 1, "\(view): boxes \(Set(seen.map(\.box)))")
                let text = try b.number(Self.textScript)
                #expect(text >= 24, "\(view): smallest picture text \(text) px as displayed at \(width)×\(height)")
                try b.press(.home)
                var now = try Self.shown(b)
                #expect(now.step == 0 && now.projector, "\(view) Home: \(now)")
                try b.press(.end)
                now = try Self.shown(b)
                #expect(now.step == 7 && now.projector, "\(view) End: \(now)")
                try b.press(.arrowLeft)
                #expect(try Self.shown(b).step == 6)
                try b.click("button[data-step=\"2\"]")
                now = try Self.shown(b)
                #expect(now.step == 2 && now.projector, "\(view) step button: \(now)")
                try b.click("#next")
                now = try Self.shown(b)
                #expect(now.step == 3 && now.projector, "\(view) ▶ button: \(now)")
                try b.press(.escape)
                now = try Self.shown(b)
                #expect(!now.projector && now.step == 3, "\(view) Esc: \(now)")
            }
            #expect(b.scriptErrors.isEmpty, "\(b.scriptErrors)")
        }
    }

    @Test("on the page, header and controls leave the picture most of the screen, and nothing in any section runs off the right edge at any step",
          .enabled(if: BrowserTests.chromium != nil, skipReason), arguments: [(1280, 800), (1920, 1080)])
    func layout(width: Int, height: Int) throws {
        let dir = try Self.demo.get()
        try SharedBrowser.withPage(width: width, height: height) { b in
            let page = dir.appendingPathComponent("report.html").absoluteString
            try b.open(page + "#step=0")
            let top = try b.number("document.querySelector('.panel:not(.inactive) img:not([hidden])').getBoundingClientRect().top")
            #expect(top <= 0.35 * Double(height), "the picture starts \(top) px down a \(height) px screen")
            // The review follows the timeline.
            #expect(try b.string("Array.prototype.map.call(document.querySelectorAll('body > section'),function(s){return s.id;}).slice(0,3).join(' ')")
                    == "timeline review sessions")
            for step in 0...7 {
                if step > 0 { try b.press(.arrowRight) }
                let clipped = try b.string(Self.clippedScript)
                #expect(clipped.isEmpty, "step \(step) at \(width)×\(height): \(clipped)")
            }
            let shot = try b.screenshot()
            let png = try PNGCodec.decodeRGBA(shot)
            #expect(png.width == width && png.height == height)
            #expect(b.scriptErrors.isEmpty, "\(b.scriptErrors)")
        }
    }
}
