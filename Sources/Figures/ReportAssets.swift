/// The style sheet and script shared by `report.html`, `compare.html` and a batch's
/// `index.html`. Inline (no network, no external fonts), written for a classroom projector of
/// 1280 × 800: large type, high contrast, a header and one control row that leave the pictures
/// most of the height, tables that wrap their headings rather than run off the right edge;
/// print gives one page per section.
package enum ReportAssets {
    package static let style: HTML = """
        :root{--ink:#16181d;--muted:#5b606b;--line:#d6d9df;--paper:#fff;--accent:#0b5cad;--err:#b3261e;--warn:#8a5a00;--note:#3b5b7a}
        *{box-sizing:border-box}
        [hidden]{display:none !important}
        html{font-size:18px}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:var(--paper);line-height:1.4}
        header,section,footer{padding:.8rem 1.5rem}
        header{border-bottom:1px solid var(--line);padding-top:.5rem;padding-bottom:.4rem}
        h1{margin:0;font-size:1.5rem;overflow-wrap:anywhere}
        h2{margin:0 0 .6rem;font-size:1.4rem}
        h3{font-size:1.05rem;margin:.2rem 0}
        .sub{color:var(--muted);margin:0}
        header{display:flex;flex-wrap:wrap;align-items:baseline;column-gap:1.5rem}
        header .sub{flex-basis:100%;order:3}
        nav.toc a{margin-right:1rem;color:var(--accent)}
        #timeline{padding-top:.2rem}
        .controls{display:flex;align-items:center;gap:.6rem;flex-wrap:wrap;position:sticky;top:0;background:var(--paper);padding:.3rem 0;z-index:2;border-bottom:1px solid var(--line)}
        .controls input[type=range]{flex:1 1 10rem;height:1.8rem;accent-color:var(--accent)}
        .controls button,.stepbuttons button,.tabs button{font:inherit;font-size:.95rem;padding:.35rem .8rem;border:1px solid var(--line);border-radius:.4rem;background:#f4f5f7;color:var(--ink);cursor:pointer}
        .controls button{font-size:1.2rem;padding:.2rem .9rem}
        button[aria-pressed=true],button[aria-selected=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
        .step-title{flex:1 1 24rem;margin:0;font-size:1.25rem}
        .stepbuttons{display:flex;flex-wrap:wrap;gap:.4rem;margin:.4rem 0}
        .stage{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.2rem;align-items:start}
        .numbers{min-width:0}
        .numbers table{width:100%;font-size:.8rem}
        .numbers th{white-space:normal;font-weight:600}
        .numbers td:first-child{white-space:nowrap}
        .numbers th,.numbers td{padding:.2rem .25rem}
        section{overflow-x:auto}
        #sessions table{font-size:.75rem}
        #sessions th,#sessions td,#regions th,#regions td{padding:.25rem .3rem}
        #sessions th{white-space:normal}
        .tabs{display:flex;flex-wrap:wrap;gap:.4rem;margin-bottom:.4rem}
        .panel.inactive{display:none}
        .panel h3{display:none}
        .pair .panel h3,.pair h3{display:block}
        .panel img{max-width:100%;height:auto;display:block;border:1px solid var(--line);max-height:calc(100vh - 7rem);object-fit:contain;cursor:zoom-in}
        .panel .caption{margin:.3rem 0 0;font-size:.9rem;color:var(--ink)}
        .panel .caption span{display:block}
        .panel .missing{color:var(--muted);font-style:italic}
        body.projector{overflow:hidden}
        body.projector #timeline{position:fixed;inset:0;z-index:20;background:var(--paper);display:flex;flex-direction:column;padding:.3rem 1rem .5rem;overflow:hidden}
        body.projector .controls{position:static;padding:.2rem 0}
        body.projector .controls input[type=range]{display:none}
        body.projector .stepbuttons{margin:.3rem 0}
        body.projector .stage{display:flex;flex:1 1 auto;min-height:0;align-items:stretch}
        body.projector .numbers{display:none}
        body.projector .pictures{flex:1 1 auto;min-width:0;min-height:0;display:flex;flex-direction:column}
        body.projector .tabs{display:none}
        body.projector .panel:not(.inactive){flex:1 1 auto;min-height:0;display:flex;flex-direction:column}
        body.projector .panel.pair:not(.inactive){display:grid;grid-template-columns:1fr 1fr;grid-template-rows:minmax(0,1fr)}
        body.projector .pair>div{display:flex;flex-direction:column;min-height:0}
        body.projector .panel img{flex:1 1 0;min-height:0;width:100%;height:100%;max-height:none;object-fit:contain;border:0;cursor:zoom-out}
        body.projector .panel .caption{flex:none;font-size:1.05rem;line-height:1.3;margin:.2rem 0 0;height:2.6em;overflow:hidden;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
        body.projector .panel .caption span:not(.lead){display:none}
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
          .panel h3{display:block}
          .panel{break-inside:avoid;margin-bottom:1rem}
          .panel img{max-height:60vh}
          .stage{grid-template-columns:1fr}
          th{position:static}
        }
        """

    /// Steps (`data-steps` lists which slider positions show an element), tabs, keyboard,
    /// projector mode, the address and sortable tables. Plain ES5 with no external code.
    ///
    /// - The address holds the step and the view (`#step=3&view=density`), so a link, a reload
    ///   or a test opens that step of that picture family; `aria-selected` marks the active tab.
    /// - Projector mode (click a picture): the timeline fills the screen, the picture as large
    ///   as it fits under one row of controls. The mode belongs to the page, not to one picture,
    ///   so ←/→, Home/End, the step buttons and the tabs keep it; Esc or a click leaves it.
    package static let script: HTML = """
        (function(){
        "use strict";
        function all(q){return Array.prototype.slice.call(document.querySelectorAll(q));}
        var slider=document.getElementById("step"), tabs=all("[role=tab]");
        var state={step:0,view:tabs.length?tabs[0].getAttribute("data-tab"):""};
        var fromAddress=function(){
          var out={};
          (location.hash.replace(/^#/,"")+"&"+location.search.replace(/^\\?/,"")).split("&").forEach(function(p){
            var i=p.indexOf("=");if(i>0){try{out[decodeURIComponent(p.slice(0,i))]=decodeURIComponent(p.slice(i+1));}catch(e){}}
          });
          return out;
        };
        var remember=function(){
          if(!slider||!window.history||!history.replaceState)return;
          try{history.replaceState(null,"","#step="+state.step+(state.view?"&view="+encodeURIComponent(state.view):""));}catch(e){}
        };
        var select=function(name,keep){
          if(!tabs.length)return;
          if(!tabs.some(function(t){return t.getAttribute("data-tab")===name;}))name=tabs[0].getAttribute("data-tab");
          state.view=name;
          tabs.forEach(function(t){var on=t.getAttribute("data-tab")===name;t.setAttribute("aria-selected",on?"true":"false");t.tabIndex=on?0:-1;});
          all(".panel[data-panel]").forEach(function(p){p.classList.toggle("inactive",p.getAttribute("data-panel")!==name);});
          document.body.setAttribute("data-view",name);
          if(keep)remember();
        };
        tabs.forEach(function(t){t.addEventListener("click",function(){select(t.getAttribute("data-tab"),true);});});
        var projector=function(on){document.body.classList.toggle("projector",!!on);};
        all(".panel img").forEach(function(img){img.addEventListener("click",function(){projector(!document.body.classList.contains("projector"));});});
        document.addEventListener("keydown",function(e){if(e.key==="Escape"||e.key==="Esc"){projector(false);}});
        if(slider){
          var last=parseInt(slider.max,10)||0, stepped=all("[data-steps]"), buttons=all("button[data-step]");
          var show=function(k,keep){
            k=Math.max(0,Math.min(last,parseInt(k,10)||0));
            state.step=k;
            slider.value=String(k);
            document.body.setAttribute("data-step",String(k));
            stepped.forEach(function(el){el.hidden=el.getAttribute("data-steps").split(" ").indexOf(String(k))<0;});
            buttons.forEach(function(b){b.setAttribute("aria-pressed",b.getAttribute("data-step")===String(k)?"true":"false");});
            if(keep)remember();
          };
          var follow=function(){var a=fromAddress();show(a.step,false);select(a.view||state.view,false);};
          slider.addEventListener("input",function(){show(slider.value,true);});
          document.getElementById("prev").addEventListener("click",function(){show(state.step-1,true);});
          document.getElementById("next").addEventListener("click",function(){show(state.step+1,true);});
          buttons.forEach(function(b){b.addEventListener("click",function(){show(b.getAttribute("data-step"),true);});});
          document.addEventListener("keydown",function(e){
            if(e.target===slider||e.altKey||e.ctrlKey||e.metaKey)return;
            if(e.key==="ArrowRight"){show(state.step+1,true);e.preventDefault();}
            else if(e.key==="ArrowLeft"){show(state.step-1,true);e.preventDefault();}
            else if(e.key==="Home"){show(0,true);e.preventDefault();}
            else if(e.key==="End"){show(last,true);e.preventDefault();}
          });
          window.addEventListener("hashchange",follow);
          follow();
        }else{select(state.view,false);}
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
              if(!isNaN(nx)&&!isNaN(ny)&&/^-?[\\d.]/.test(x)&&/^-?[\\d.]/.test(y)){d=nx-ny;}else{d=x.localeCompare(y,"en",{numeric:true});}
              return asc?d:-d;
            });
            rows.forEach(function(r){body.appendChild(r);});
          });});
        });
        })();
        """
}
