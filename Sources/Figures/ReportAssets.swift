/// The style sheet and script shared by `report.html`, `compare.html` and a batch's
/// `index.html`. Inline (no network, no external fonts), written for a classroom projector:
/// large type, high contrast, one control row; print gives one page per section.
package enum ReportAssets {
    package static let style = """
        :root{--ink:#16181d;--muted:#5b606b;--line:#d6d9df;--paper:#fff;--accent:#0b5cad;--err:#b3261e;--warn:#8a5a00;--note:#3b5b7a}
        *{box-sizing:border-box}
        [hidden]{display:none !important}
        html{font-size:18px}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:var(--paper);line-height:1.4}
        header,section,footer{padding:1rem 1.5rem}
        header{border-bottom:1px solid var(--line)}
        h1{margin:0 0 .2rem;font-size:1.9rem;overflow-wrap:anywhere}
        h2{margin:0 0 .6rem;font-size:1.4rem}
        h3{font-size:1.05rem;margin:.2rem 0}
        .sub{color:var(--muted);margin:0}
        nav.toc a{margin-right:1rem;color:var(--accent)}
        .controls{display:flex;align-items:center;gap:.8rem;flex-wrap:wrap;position:sticky;top:0;background:var(--paper);padding:.5rem 0;z-index:2;border-bottom:1px solid var(--line)}
        .controls input[type=range]{flex:1 1 18rem;height:2rem;accent-color:var(--accent)}
        .controls button,.stepbuttons button,.tabs button{font:inherit;font-size:.95rem;padding:.35rem .8rem;border:1px solid var(--line);border-radius:.4rem;background:#f4f5f7;color:var(--ink);cursor:pointer}
        .controls button{font-size:1.2rem;padding:.2rem .9rem}
        button[aria-pressed=true],button[aria-selected=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
        .step-title{flex-basis:100%;margin:0;font-size:1.3rem}
        .stepbuttons{display:flex;flex-wrap:wrap;gap:.4rem;margin:.6rem 0}
        .stage{display:grid;grid-template-columns:minmax(0,3fr) minmax(20rem,2fr);gap:1.5rem;align-items:start}
        .numbers{min-width:0;overflow-x:auto}
        .numbers table{width:100%;font-size:.85rem}
        .numbers td:first-child{white-space:nowrap}
        .numbers th,.numbers td{padding:.2rem .35rem}
        section{overflow-x:auto}
        .tabs{display:flex;flex-wrap:wrap;gap:.4rem;margin-bottom:.6rem}
        .panel.inactive{display:none}
        .panel img{max-width:100%;height:auto;display:block;border:1px solid var(--line);max-height:78vh;object-fit:contain}
        .panel img{cursor:zoom-in}
        .panel img.zoomed{position:fixed;inset:0;width:100vw;height:100vh;max-height:none;z-index:10;background:#fff;object-fit:contain;cursor:zoom-out;border:0}
        .panel .missing{color:var(--muted);font-style:italic}
        dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.6rem;margin:0 0 1rem}
        dl.figures div{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .6rem}
        dt{color:var(--muted);font-size:.8rem}
        dd{margin:0;font-size:1.25rem;font-weight:600}
        small{font-weight:400;color:var(--muted);font-size:.8rem}
        table{border-collapse:collapse;margin:.4rem 0 1rem;font-size:.9rem;font-variant-numeric:tabular-nums}
        caption{text-align:left;color:var(--muted);padding-bottom:.2rem}
        th,td{border-bottom:1px solid var(--line);padding:.25rem .6rem;text-align:left;vertical-align:top}
        td{white-space:nowrap}
        .finding td,.callout td{white-space:normal}
        th{background:#f4f5f7;position:sticky;top:0}
        .num{text-align:right}
        table.sortable th{cursor:pointer}
        table.sortable th[aria-sort=ascending]::after{content:" ▲"}
        table.sortable th[aria-sort=descending]::after{content:" ▼"}
        .chip{display:inline-block;width:1.1em;height:1.1em;border:1px solid #888;border-radius:.2em;vertical-align:-.15em;margin-right:.3em}
        .key{display:inline-block;width:.75em;height:.75em;border:1px solid rgba(0,0,0,.3);border-radius:50%;vertical-align:-.05em;margin-right:.35em}
        button[aria-pressed=true] .key{border-color:#fff;box-shadow:0 0 0 1px #fff}
        .callout{border-left:.3rem solid var(--accent);background:#eef4fb;padding:.5rem .8rem}
        .callout.ok{border-color:#1b7f3b;background:#edf7f0}
        .finding{border:1px solid var(--line);border-left-width:.4rem;border-radius:.4rem;padding:.4rem .8rem;margin:.6rem 0}
        .finding.error{border-left-color:var(--err)} .finding.warning{border-left-color:var(--warn)} .finding.note{border-left-color:var(--note)}
        .badge{font-size:.75rem;padding:.1rem .4rem;border-radius:.3rem;color:#fff;background:var(--note)}
        .error .badge{background:var(--err)} .warning .badge{background:var(--warn)}
        .meta{color:var(--muted);font-size:.85rem;margin:.1rem 0}
        .pair{display:grid;grid-template-columns:1fr 1fr;gap:1.2rem}
        footer{color:var(--muted);font-size:.8rem;border-top:1px solid var(--line)}
        @media (max-width:900px){.stage,.pair{grid-template-columns:1fr}}
        @media print{
          html{font-size:12px}
          .controls,.stepbuttons,.tabs,nav.toc{display:none}
          section{break-after:page;padding:0}
          .panel.inactive{display:block}
          .panel{break-inside:avoid;margin-bottom:1rem}
          .panel img{max-height:60vh}
          .stage{grid-template-columns:1fr}
          th{position:static}
        }
        """

    /// Steps (`data-steps` lists which slider positions show an element), tabs, keyboard,
    /// the `#step=N` address (so a link, a reload or a test opens a given step), and sortable
    /// tables. Plain ES5 with no external code.
    package static let script = """
        (function(){
        "use strict";
        function all(q){return Array.prototype.slice.call(document.querySelectorAll(q));}
        var slider=document.getElementById("step");
        if(slider){
          var last=parseInt(slider.max,10)||0, stepped=all("[data-steps]"), buttons=all("button[data-step]");
          var show=function(k,remember){
            k=Math.max(0,Math.min(last,parseInt(k,10)||0));
            slider.value=String(k);
            document.body.setAttribute("data-step",String(k));
            stepped.forEach(function(el){el.hidden=el.getAttribute("data-steps").split(" ").indexOf(String(k))<0;});
            buttons.forEach(function(b){b.setAttribute("aria-pressed",b.getAttribute("data-step")===String(k)?"true":"false");});
            if(remember&&window.history&&history.replaceState){try{history.replaceState(null,"","#step="+k);}catch(e){}}
          };
          var fromAddress=function(){var m=/(?:^|[#?&])step=(\\d+)/.exec(location.hash+"&"+location.search.replace(/^\\?/,"&"));return m?parseInt(m[1],10):0;};
          slider.addEventListener("input",function(){show(slider.value,true);});
          document.getElementById("prev").addEventListener("click",function(){show(parseInt(slider.value,10)-1,true);});
          document.getElementById("next").addEventListener("click",function(){show(parseInt(slider.value,10)+1,true);});
          buttons.forEach(function(b){b.addEventListener("click",function(){show(b.getAttribute("data-step"),true);});});
          document.addEventListener("keydown",function(e){
            if(e.target===slider||e.altKey||e.ctrlKey||e.metaKey)return;
            var k=parseInt(slider.value,10);
            if(e.key==="ArrowRight"){show(k+1,true);e.preventDefault();}
            else if(e.key==="ArrowLeft"){show(k-1,true);e.preventDefault();}
            else if(e.key==="Home"){show(0,true);e.preventDefault();}
            else if(e.key==="End"){show(last,true);e.preventDefault();}
          });
          window.addEventListener("hashchange",function(){show(fromAddress(),false);});
          show(fromAddress(),false);
        }
        all(".panel img").forEach(function(img){img.addEventListener("click",function(){img.classList.toggle("zoomed");});});
        document.addEventListener("keydown",function(e){if(e.key==="Escape"){all("img.zoomed").forEach(function(i){i.classList.remove("zoomed");});}});
        var tabs=all("[role=tab]");
        var select=function(name){
          tabs.forEach(function(t){t.setAttribute("aria-selected",t.getAttribute("data-tab")===name?"true":"false");});
          all(".panel[data-panel]").forEach(function(p){p.classList.toggle("inactive",p.getAttribute("data-panel")!==name);});
        };
        tabs.forEach(function(t){t.addEventListener("click",function(){select(t.getAttribute("data-tab"));});});
        if(tabs.length){select(tabs[0].getAttribute("data-tab"));}
        all("table.sortable").forEach(function(table){
          var heads=all("#"+table.id+" thead th");
          heads.forEach(function(th,col){th.addEventListener("click",function(){
            var asc=th.getAttribute("aria-sort")!=="ascending";
            heads.forEach(function(h){h.removeAttribute("aria-sort");});
            th.setAttribute("aria-sort",asc?"ascending":"descending");
            var body=table.tBodies[0], rows=Array.prototype.slice.call(body.rows);
            var key=function(r){var c=r.cells[col];return c?(c.getAttribute("data-sort")||c.textContent):"";};
            rows.sort(function(a,b){
              var x=key(a),y=key(b),nx=parseFloat(x),ny=parseFloat(y),d;
              if(!isNaN(nx)&&!isNaN(ny)&&/^-?[\\d.]/.test(x)&&/^-?[\\d.]/.test(y)){d=nx-ny;}else{d=x<y?-1:x>y?1:0;}
              return asc?d:-d;
            });
            rows.forEach(function(r){body.appendChild(r);});
          });});
        });
        })();
        """
}
