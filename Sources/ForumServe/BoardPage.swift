/// The board's page, style and script, served from the binary (no build step, no npm).
///
/// The page holds no programme data: the script asks `/api/state` and builds every element
/// with `createElement` and `textContent` (never `innerHTML`), so a session titled
/// `<img src=x onerror=alert(1)>` shows as those characters. The Content-Security-Policy
/// allows only the board's own script and style sheet besides.
enum BoardPage {
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static let html = #"""
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>Planning board</title>
    <link rel="stylesheet" href="/board.css">
    </head>
    <body class="board">
    <header class="page-head">
    <h1 id="event">Planning board</h1>
    <p class="where"><span id="file"></span> <span id="dirty" class="dirty" hidden>Unsaved changes</span></p>
    <div class="toolbar" role="toolbar" aria-label="Board actions">
    <button type="button" id="undo" disabled>Undo</button>
    <button type="button" id="redo" disabled>Redo</button>
    <button type="button" id="save">Save</button>
    <button type="button" id="reload">Reload from disk</button>
    <button type="button" id="solve">Place the rest</button>
    <button type="button" id="stop" hidden>Stop</button>
    <span class="downloads">Download what is on the board:
    <a id="dl-html" download>HTML page</a>
    <a id="dl-ics" download>Calendar (.ics)</a>
    <a id="dl-frab-xml" download>frab XML</a>
    <a id="dl-frab-json" download>frab JSON</a>
    <a id="dl-yaml" download>YAML</a></span>
    </div>
    <p id="status" role="status" aria-live="polite"></p>
    </header>
    <nav class="days" aria-label="Days"><ul id="tabs" role="tablist"></ul></nav>
    <div class="layout">
    <main id="programme">
    <div id="grid-host"></div>
    <section class="tray" aria-labelledby="tray-h" id="tray-zone">
    <h2 id="tray-h">Unplaced sessions <span id="tray-count"></span></h2>
    <p class="hint">Drag a card here to take it off the programme; drag one from here onto the grid to place it.</p>
    <div id="tray" class="tray-cards"></div>
    </section>
    </main>
    <aside class="panel" aria-label="Score and violations">
    <section id="preview" class="preview" aria-live="polite" hidden></section>
    <section id="proposal" class="proposal" hidden></section>
    <section id="selected" class="selected-box" hidden></section>
    <h2>Score</h2>
    <p id="score" class="score"></p>
    <table id="rules" class="rules"><thead><tr><th scope="col">Rule</th><th scope="col">Kind</th><th scope="col">Count</th><th scope="col">Penalty</th></tr></thead><tbody></tbody></table>
    <h2>Violations</h2>
    <ol id="violations" class="violations"></ol>
    <p class="hint">Keyboard: Tab to a card, Enter to pick it up, arrows to choose a room and time, Enter to drop, Escape to cancel. P pins or unpins, U unplaces.</p>
    </aside>
    </div>
    <script src="/board.js"></script>
    </body>
    </html>

    """#

    static let style = #"""
    :root{--ppm:1.1px}
    .page-head{padding-bottom:.4rem}
    .toolbar{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.3rem 0}
    .toolbar button{font:inherit;padding:.3rem .8rem;border:1px solid #20385e;background:#fff;color:#20385e;border-radius:4px;cursor:pointer}
    .toolbar button:disabled{opacity:.45;cursor:default}
    .toolbar button.busy{background:#20385e;color:#fff}
    .downloads{margin-left:1rem;font-size:.9rem}
    .downloads a{margin-right:.5rem}
    #status{min-height:1.3em;margin:.2rem 0}
    #status.bad{color:#b00020;font-weight:600}
    .dirty{background:#fff1c2;border:1px solid #d98c00;border-radius:3px;padding:0 .4rem;font-weight:600;font-size:.85em}
    nav.days button{font:inherit;padding:.25rem .7rem;border:1px solid var(--line);border-radius:1rem;background:#fff;cursor:pointer}
    nav.days button[aria-selected="true"]{background:#20385e;color:#fff;border-color:#20385e}
    .layout{display:grid;grid-template-columns:minmax(0,1fr) 23rem;gap:1rem;padding:0 1.25rem}
    .layout main{padding:0}
    .panel{border-left:1px solid var(--line);padding-left:1rem;font-size:.9rem;max-height:calc(100vh - 1rem);overflow:auto;position:sticky;top:0}
    .panel h2{font-size:1.05rem;margin:.8rem 0 .3rem}
    .score{font-size:1.1rem;font-weight:600}
    .score .ok{color:#1d6b2f}.score .no{color:#b00020}
    .rules{border-collapse:collapse;width:100%}
    .rules th,.rules td{text-align:left;padding:.1rem .3rem;border-bottom:1px solid var(--line)}
    .rules td.n{text-align:right;font-variant-numeric:tabular-nums}
    .violations{list-style:none;padding-left:0}
    .violations li{margin:.3rem 0}
    .violations button{font:inherit;text-align:left;background:none;border:0;padding:.1rem;cursor:pointer;color:inherit}
    .violations .k{font-weight:600}
    .violations .hard .k{color:#b00020}.violations .soft .k{color:#8a5a00}
    .violations .fix{display:block;color:var(--muted)}
    .grid .drop{z-index:0;margin:0 3px;border:1px dashed transparent;border-radius:4px}
    .grid .drop.target,.s.target{border-color:#1f5fbf;background:rgba(31,95,191,.12);outline:3px solid #1f5fbf}
    .grid .drop.target.worse,.s.target.worse{outline-color:#b00020;background:rgba(176,0,32,.12)}
    .s[draggable="true"]{cursor:grab}
    .s.hard{outline:3px solid #b00020;outline-offset:-1px}
    .s.soft{outline:3px solid #d98c00;outline-offset:-1px}
    .s.selected{box-shadow:0 0 0 4px #1f5fbf}
    .s.flash{animation:flash 1.2s ease-out 2}
    @keyframes flash{50%{box-shadow:0 0 0 6px #1f5fbf}}
    .s .badges{float:right;display:flex;gap:.2rem}
    .badge{display:inline-block;font-size:.72em;font-weight:700;padding:0 .35em;border-radius:3px;color:#fff}
    .badge.h{background:#b00020}.badge.w{background:#a86a00}.badge.pin{background:#20385e}
    .s .tip{display:none;position:absolute;left:0;top:100%;z-index:20;width:22rem;max-width:80vw;background:#fff;color:var(--ink);border:1px solid #333;border-radius:4px;padding:.4rem .5rem;box-shadow:0 2px 8px rgba(0,0,0,.3);font-size:.85rem}
    .s:hover .tip,.s:focus .tip,.s:focus-within .tip{display:block}
    .s:hover,.s:focus,.s:focus-within{z-index:15}
    .tip p{margin:.15rem 0}.tip .fix{color:var(--muted)}
    .tip .hard{color:#b00020;font-weight:600}.tip .soft{color:#8a5a00;font-weight:600}
    .tray{margin:1rem 0 2rem;border:2px dashed var(--line);border-radius:6px;padding:.3rem .8rem .8rem}
    .tray.target{border-color:#1f5fbf;background:rgba(31,95,191,.06)}
    .tray h2{font-size:1.05rem;margin:.3rem 0}
    .tray-cards{display:flex;flex-wrap:wrap;gap:.5rem}
    .tray-cards .s{width:15rem;margin:0}
    .hint{color:var(--muted);font-size:.85rem;margin:.2rem 0 .4rem}
    .preview,.proposal,.selected-box{border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;margin:.5rem 0;background:#f7f9fc}
    .preview h2,.proposal h2,.selected-box h2{margin:.1rem 0 .3rem;font-size:1rem}
    .preview .worse{color:#b00020;font-weight:600}.preview .better{color:#1d6b2f;font-weight:600}
    .proposal ul{padding-left:1.1rem;max-height:14rem;overflow:auto}
    .proposal button,.selected-box button{font:inherit;margin:.2rem .3rem .2rem 0;padding:.2rem .7rem;cursor:pointer}
    .empty-day{padding:1rem;color:var(--muted)}
    .s.proposed{box-shadow:0 0 0 3px #1f5fbf}
    .s .plan{font-weight:600;color:#1f5fbf}
    @media (max-width:60rem){.layout{grid-template-columns:1fr}.panel{border-left:0;padding-left:0;position:static;max-height:none}}

    """#

    /// The page's script: renders the board from /api/state, asks /api/check while a card is
    /// dragged or moved by keyboard, and posts every change. `window.forumBoard` exposes its
    /// actions for tests that cannot drag.
    static let script = #"""
    (function(){
    "use strict";
    var d=document,token=new URLSearchParams(location.search).get("token")||"";
    var state=null,day=null,picked=null,target=null,lastKey=null,inFlight=false,queued=null,events=null;
    var byId={},bySession={},listed=300,proposed={},proposalKey="";
    function el(tag,cls,text){var e=d.createElement(tag);if(cls)e.className=cls;if(text!==undefined&&text!==null)e.textContent=String(text);return e}
    function $(id){return d.getElementById(id)}
    function api(method,path,body){
      var opts={method:method,headers:{"X-Forum-Token":token}};
      if(body!==undefined){opts.headers["Content-Type"]="application/json";opts.body=JSON.stringify(body)}
      return fetch(path,opts).then(function(r){return r.json().catch(function(){return {error:"HTTP "+r.status}}).then(function(j){
        if(!r.ok){var e=new Error(j.error||("HTTP "+r.status));e.info=j;e.status=r.status;throw e}return j})})
    }
    function say(text,bad){var s=$("status");s.textContent=text;s.className=bad?"bad":""}
    function fail(e){say((e.message||String(e))+(e.info&&e.info.hint?" ("+e.info.hint+")":""),true);return null}
    function mins(t){var p=String(t).split(":");return (+p[0])*60+(+p[1])}
    function hm(m){var h=Math.floor(m/60),n=m%60;return (h<10?"0":"")+h+":"+(n<10?"0":"")+n}
    function scoreText(s){return s.hard+" hard, "+s.soft+" soft"}
    function signed(n){return (n>0?"+":"")+n}
    function load(){return api("GET","/api/state").then(render).catch(fail)}
    function changed(p,message){return p.then(function(s){render(s);if(message)say(message);return s}).catch(fail)}

    function render(s){
      state=s;byId={};bySession={};s.sessions.forEach(function(x){byId[x.id]=x;bySession[x.id]=[]});
      s.violations.forEach(function(v){v.sessions.forEach(function(id){if(bySession[id])bySession[id].push(v)})});
      $("event").textContent=s.event+": planning board";
      d.title=s.event+": planning board";
      $("file").textContent=s.file;
      $("dirty").hidden=!s.dirty;
      $("dirty").textContent="Unsaved changes (kept in "+s.recoveryFile.split("/").pop()+" until saved)";
      $("undo").disabled=!s.canUndo;$("undo").title=s.undoLabel?"Undo: "+s.undoLabel:"";
      $("redo").disabled=!s.canRedo;$("redo").title=s.redoLabel?"Redo: "+s.redoLabel:"";
      $("save").title=s.savingNote;
      ["html","ics","frab.xml","frab.json","yaml"].forEach(function(k){$("dl-"+k.replace(".","-")).setAttribute("href","/api/export/"+k+"?token="+encodeURIComponent(token))});
      if(!day||!s.days.some(function(x){return x.date===day}))day=s.days.length?s.days[0].date:null;
      renderTabs();renderGrid();renderTray();renderPanel();renderSolve(s.solve);
      if(picked&&!byId[picked.session])picked=null;
      renderSelected();
    }

    function renderTabs(){
      var ul=$("tabs");ul.textContent="";
      state.days.forEach(function(x){
        var li=el("li"),b=el("button",null,x.title+(x.label?" · "+x.label:""));
        b.type="button";b.setAttribute("role","tab");b.setAttribute("aria-selected",x.date===day?"true":"false");b.setAttribute("data-day",x.date);
        b.addEventListener("click",function(){day=x.date;renderTabs();renderGrid()});
        li.appendChild(b);ul.appendChild(li)
      })
    }

    function violationsOf(id){return bySession[id]||[]}

    function card(x,p,partIndex){
      var a=el("article","s "+(x.colourClass||"t0"));
      var vs=violationsOf(x.id),hard=vs.some(function(v){return v.hard}),soft=vs.some(function(v){return !v.hard});
      if(hard)a.classList.add("hard");else if(soft)a.classList.add("soft");
      if(x.online)a.classList.add("online");
      a.tabIndex=0;a.draggable=true;
      a.setAttribute("data-session",x.id);a.setAttribute("data-part",String(partIndex));
      if(p){a.setAttribute("data-day",p.day);a.setAttribute("data-start",p.start);a.setAttribute("data-room",p.room||"")}
      var badges=el("span","badges");
      if(x.pinned)badges.appendChild(el("span","badge pin","Pinned"));
      if(hard)badges.appendChild(el("span","badge h","Hard"));else if(soft)badges.appendChild(el("span","badge w","Soft"));
      a.appendChild(badges);
      var plan=(proposed[x.id]||[]).filter(function(m){return m.part===partIndex||(!p&&!m.from)})[0];
      if(plan){a.classList.add("proposed");var to=plan.to;a.appendChild(el("p","plan","Proposal: "+(to?to.day+" "+to.start+" "+(to.room||"online"):"unplaced")))}
      a.appendChild(el("h3",null,x.title));
      if(p){var room=state.rooms.filter(function(r){return r.id===p.room})[0];a.appendChild(el("p","when",p.start+"–"+p.end+" · "+(room?room.name:(p.room||"Online"))))}
      else a.appendChild(el("p","when",x.duration+" min"+(x.parts>1?" · part "+(partIndex+1)+" of "+x.parts:"")));
      a.appendChild(el("p","meta",x.kind+(x.themes.length?" · "+x.themes.join(", "):"")));
      if(x.people)a.appendChild(el("p","ppl",x.people));
      var label=x.title+", "+x.kind+(p?", "+p.start+" to "+p.end+" in "+(p.room||"no room"):", unplaced")+(x.pinned?", pinned":"")+(hard?", breaks a hard rule":soft?", breaks a soft rule":"");
      a.setAttribute("aria-label",label);
      if(vs.length){
        var tip=el("div","tip");tip.setAttribute("role","tooltip");
        vs.slice(0,6).forEach(function(v){
          var q=el("p");q.appendChild(el("span",v.hard?"hard":"soft",v.title+" ("+(v.hard?"hard":"soft")+"): "));q.appendChild(d.createTextNode(v.sentence));tip.appendChild(q);
          if(v.fix)tip.appendChild(el("p","fix","Fix: "+v.fix))
        });
        if(vs.length>6)tip.appendChild(el("p","fix","… and "+(vs.length-6)+" more"));
        a.appendChild(tip);
        a.title=vs.map(function(v){return v.title+": "+v.sentence+(v.fix?" Fix: "+v.fix:"")}).join("\n")
      }
      a.addEventListener("click",function(){select(x.id,partIndex)});
      a.addEventListener("keydown",function(e){cardKey(e,x.id,partIndex)});
      a.addEventListener("dragstart",function(e){picked={session:x.id,part:partIndex};lastKey=null;e.dataTransfer.effectAllowed="move";e.dataTransfer.setData("text/plain",x.id);renderSelected()});
      a.addEventListener("dragend",function(){clearTarget()});
      return a
    }

    var cells=[];
    function renderGrid(){
      var host=$("grid-host");host.textContent="";cells=[];
      var dd=state.days.filter(function(x){return x.date===day})[0];if(!dd)return;
      var items=[];
      state.sessions.forEach(function(x){x.placements.forEach(function(p){if(p.day===day)items.push({x:x,p:p})})});
      var set={},starts={};
      dd.slots.forEach(function(sl){set[mins(sl.start)]=1;set[mins(sl.end)]=1;starts[mins(sl.start)]=1});
      items.forEach(function(it){var a=mins(it.p.start),b=Math.max(mins(it.p.end),a+1);set[a]=1;set[b]=1});
      var bounds=Object.keys(set).map(Number).sort(function(a,b){return a-b});
      var rowOf={};bounds.forEach(function(b,i){rowOf[b]=i+2});
      var startList=Object.keys(starts).map(Number).sort(function(a,b){return a-b});
      var rooms=state.rooms.slice();
      if(items.some(function(it){return !it.p.room}))rooms.push({id:"",name:"Online (no room)"});
      var col=2,roomCols=[];
      rooms.forEach(function(r){
        var mine=items.filter(function(it){return (it.p.room||"")===r.id}).sort(function(a,b){return mins(a.p.start)-mins(b.p.start)});
        var ends=[];mine.forEach(function(it){var s=mins(it.p.start),e=Math.max(mins(it.p.end),s+1),l=ends.findIndex(function(v){return v<=s});if(l<0){ends.push(e);l=ends.length-1}else ends[l]=e;it.lane=l});
        var lanes=Math.max(1,ends.length);roomCols.push({room:r,first:col,lanes:lanes,items:mine});col+=lanes
      });
      var scroll=el("div","scroll");scroll.setAttribute("role","region");scroll.setAttribute("aria-label",dd.title+": sessions by room and time");
      var g=el("div","grid");
      var colsCss=["4.2rem"];roomCols.forEach(function(rc){for(var i=0;i<rc.lanes;i++)colsCss.push("minmax(10rem,1fr)")});
      var rows=[];for(var i=0;i<bounds.length-1;i++)rows.push("minmax(max(22px,calc("+(bounds[i+1]-bounds[i])+"*var(--ppm))),auto)");
      g.style.gridTemplateColumns=colsCss.join(" ");g.style.gridTemplateRows="auto "+rows.join(" ");
      function put(e,r1,r2,c1,c2){e.style.gridRow=r1+"/"+r2;e.style.gridColumn=c1+"/"+c2;g.appendChild(e);return e}
      var hr=el("div","hrow");hr.setAttribute("aria-hidden","true");put(hr,1,2,1,-1);
      var tc=el("div","tcol");tc.setAttribute("aria-hidden","true");put(tc,2,-1,1,2);
      var co=el("div","corner");co.setAttribute("aria-hidden","true");put(co,1,2,1,2);
      roomCols.forEach(function(rc){var h=el("div","rh",rc.room.name);if(rc.room.capacity)h.appendChild(el("span","cap",rc.room.capacity+" seats"));put(h,1,2,rc.first,rc.first+rc.lanes)});
      for(var b=0;b<bounds.length-1;b++){if(b%2===1){var band=el("div","band");band.setAttribute("aria-hidden","true");put(band,b+2,b+3,1,-1)}}
      startList.forEach(function(m){var t=el("div","tm",hm(m));t.setAttribute("aria-hidden","true");put(t,rowOf[m],rowOf[m]+1,1,2)});
      roomCols.forEach(function(rc,ri){
        startList.forEach(function(m,si){
          var next=si+1<startList.length?startList[si+1]:bounds[bounds.length-1];
          var c=el("div","drop");c.setAttribute("data-day",day);c.setAttribute("data-start",hm(m));c.setAttribute("data-room",rc.room.id);
          c.setAttribute("aria-hidden","true");
          put(c,rowOf[m],Math.max(rowOf[next]||rowOf[m]+1,rowOf[m]+1),rc.first,rc.first+rc.lanes);
          cells.push({e:c,room:ri,start:si,day:day,time:hm(m),roomId:rc.room.id})
        })
      });
      roomCols.forEach(function(rc){rc.items.forEach(function(it){
        var s=mins(it.p.start),e=Math.max(mins(it.p.end),s+1);
        var a=card(it.x,it.p,it.p.part);put(a,rowOf[s],rowOf[e],rc.first+it.lane,rc.first+it.lane+1)
      })});
      if(!items.length){var none=el("p","empty-day","No sessions on this day yet: drag one from the tray.");host.appendChild(none)}
      scroll.appendChild(g);host.appendChild(scroll);
      g.addEventListener("dragover",function(e){var t=dropTarget(e.target);if(!t||!picked)return;e.preventDefault();e.dataTransfer.dropEffect="move";setTarget(t)});
      g.addEventListener("drop",function(e){var t=dropTarget(e.target);if(!t||!picked)return;e.preventDefault();commit(t)});
    }

    function dropTarget(node){
      var n=node&&node.closest?node.closest(".drop,.s[data-day]"):null;if(!n)return null;
      return {day:n.getAttribute("data-day"),start:n.getAttribute("data-start"),room:n.getAttribute("data-room"),node:n}
    }

    function renderTray(){
      var t=$("tray");t.textContent="";var n=0;
      state.sessions.forEach(function(x){for(var k=x.placements.length;k<x.parts;k++){t.appendChild(card(x,null,k));n++}});
      $("tray-count").textContent="("+n+")";
    }

    function renderPanel(){
      var sc=$("score");sc.textContent="";
      sc.appendChild(el("span",state.hardBroken?"no":"ok",scoreText(state.score)));
      sc.appendChild(d.createTextNode(state.hardBroken?" · a hard rule is broken":" · no hard rule is broken"));
      var tb=$("rules").tBodies[0];tb.textContent="";
      state.rules.forEach(function(r){var tr=el("tr");var th=el("td",null,r.title);th.title=r.sentence;tr.appendChild(th);tr.appendChild(el("td",null,r.hard?"hard":"soft"));tr.appendChild(el("td","n",r.count));tr.appendChild(el("td","n",r.penalty));tr.setAttribute("data-rule",r.rule);tb.appendChild(tr)});
      var ol=$("violations");ol.textContent="";
      // A long list is shown in part (hard ones first come first in the catalogue); "Show all" adds the rest.
      state.violations.slice(0,listed).forEach(function(v){
        var li=el("li",v.hard?"hard":"soft");li.setAttribute("data-rule",v.rule);
        var b=el("button");b.type="button";b.appendChild(el("span","k",v.title+" ("+v.rule+", "+(v.hard?"hard":"soft")+"): "));b.appendChild(d.createTextNode(v.sentence));
        if(v.fix)b.appendChild(el("span","fix","Fix: "+v.fix));
        b.addEventListener("click",function(){showSessions(v)});
        li.appendChild(b);ol.appendChild(li)
      });
      if(state.violations.length>listed){var li=el("li"),more=el("button",null,"Show all "+state.violations.length+" violations");more.type="button";more.addEventListener("click",function(){listed=Infinity;renderPanel()});li.appendChild(more);ol.appendChild(li)}
      if(state.unlisted)ol.appendChild(el("li",null,"… and "+state.unlisted+" more, counted in the score"));
    }

    function showSessions(v){
      var first=null;
      v.sessions.forEach(function(id){var x=byId[id];if(x&&x.placements.length&&!first)first=x.placements[0]});
      if(v.day)day=v.day;else if(first)day=first.day;
      renderTabs();renderGrid();
      var shown=null;
      v.sessions.forEach(function(id){d.querySelectorAll(".s[data-session]").forEach(function(a){if(a.getAttribute("data-session")===id){a.classList.add("flash");if(!shown)shown=a}})});
      if(shown){shown.scrollIntoView({block:"nearest",inline:"nearest"});shown.focus()}
      say(v.sessions.length+" session(s): "+v.sessions.join(", "));
    }

    function select(id,part){picked={session:id,part:part};renderSelected()}
    function renderSelected(){
      var box=$("selected");box.textContent="";
      d.querySelectorAll(".s.selected").forEach(function(a){a.classList.remove("selected")});
      if(!picked||!byId[picked.session]){box.hidden=true;return}
      var x=byId[picked.session];box.hidden=false;
      d.querySelectorAll(".s[data-session]").forEach(function(a){if(a.getAttribute("data-session")===x.id)a.classList.add("selected")});
      box.appendChild(el("h2",null,"Selected: "+x.title));
      box.appendChild(el("p",null,x.id+" · "+x.kind+" · "+x.duration+" min"+(x.pinned?" · pinned":"")));
      var pin=el("button",null,x.pinned?"Unpin":"Pin");pin.type="button";pin.id="pin-selected";
      pin.addEventListener("click",function(){togglePin(x.id)});box.appendChild(pin);
      if(x.placements.length&&!x.pinned){var un=el("button",null,"Unplace");un.type="button";un.id="unplace-selected";un.addEventListener("click",function(){unplace(x.id)});box.appendChild(un)}
      violationsOf(x.id).forEach(function(v){var q=el("p",v.hard?"hard":"soft");q.appendChild(el("strong",null,v.title+": "));q.appendChild(d.createTextNode(v.sentence+(v.fix?" Fix: "+v.fix:"")));box.appendChild(q)});
    }

    function clearTarget(){
      d.querySelectorAll(".target").forEach(function(n){n.classList.remove("target","worse")});
      target=null;lastKey=null;
    }
    function setTarget(t){
      var key=picked.session+"|"+picked.part+"|"+t.day+"|"+t.start+"|"+t.room;
      if(key===lastKey)return;
      d.querySelectorAll(".target").forEach(function(n){n.classList.remove("target","worse")});
      target=t;lastKey=key;if(t.node)t.node.classList.add("target");
      check(key,t)
    }

    // One /api/check at a time; while one is out only the latest wanted target is kept.
    function check(key,t){
      var body={session:picked.session,part:picked.part,day:t.day,start:t.start,room:t.room||null};
      if(inFlight){queued={key:key,t:t,body:body};return}
      inFlight=true;
      api("POST","/api/check",body).then(function(r){if(key===lastKey)showPreview(r,t)}).catch(function(e){if(key===lastKey)showPreviewError(e)}).then(function(){
        inFlight=false;if(queued){var q=queued;queued=null;if(q.key===lastKey)check(q.key,q.t)}
      })
    }
    function showPreview(r,t){
      var p=$("preview");p.hidden=false;p.textContent="";
      var x=byId[r.session];
      p.appendChild(el("h2",null,"If "+(x?x.title:r.session)+" goes to "+(t.room||"no room")+", "+t.day+" "+t.start));
      var worse=r.change.hard>0||(r.change.hard===0&&r.change.soft>0),better=r.change.hard<0||(r.change.hard===0&&r.change.soft<0);
      var line=el("p",worse?"worse":better?"better":null,"Score change: "+signed(r.change.hard)+" hard, "+signed(r.change.soft)+" soft (to "+scoreText(r.after)+")");
      line.id="preview-change";p.appendChild(line);
      if(t.node&&worse)t.node.classList.add("worse");
      r.added.forEach(function(v){var q=el("p",v.hard?"worse":null);q.setAttribute("data-rule",v.rule);q.appendChild(el("strong",null,"Adds "+v.rule+": "));q.appendChild(d.createTextNode(v.sentence));p.appendChild(q)});
      r.cleared.forEach(function(v){var q=el("p","better");q.setAttribute("data-rule",v.rule);q.appendChild(el("strong",null,"Clears "+v.rule+": "));q.appendChild(d.createTextNode(v.sentence));p.appendChild(q)});
      p.appendChild(el("p","hint","Checked by the server in "+r.milliseconds.toFixed(1)+" ms."));
      lastPreview=r
    }
    var lastPreview=null;
    function showPreviewError(e){var p=$("preview");p.hidden=false;p.textContent="";p.appendChild(el("p","worse",e.message))}

    function commit(t){
      if(!picked)return;
      var body={session:picked.session,part:picked.part,day:t.day,start:t.start,room:t.room||null};
      var x=byId[picked.session];
      clearTarget();
      return changed(api("POST","/api/move",body),"Moved "+(x?x.title:body.session)+" to "+(t.room||"no room")+", "+t.day+" "+t.start+".").then(function(s){
        // The moved card keeps the focus (the keyboard path goes on from it).
        if(s&&t.day!==day){day=t.day;renderTabs();renderGrid()}
        var a=Array.prototype.find.call(d.querySelectorAll(".grid .s[data-session]"),function(n){return n.getAttribute("data-session")===body.session});
        if(a)a.focus();return s})
    }
    function togglePin(id){var x=byId[id];if(!x)return;return changed(api("POST",x.pinned?"/api/unpin":"/api/pin",{session:id}),(x.pinned?"Unpinned ":"Pinned ")+x.title+".")}
    function unplace(id){var x=byId[id];return changed(api("POST","/api/unplace",{session:id}),"Took "+(x?x.title:id)+" off the programme.")}

    // Keyboard: Enter picks a card up, arrows choose a cell, Enter drops, Escape cancels.
    var moving=false,cursor=null;
    function cardKey(e,id,part){
      if(moving)return;
      if(e.key==="Enter"||e.key===" "){e.preventDefault();startKeyboardMove(id,part)}
      else if(e.key==="p"||e.key==="P"){e.preventDefault();togglePin(id)}
      else if(e.key==="u"||e.key==="U"){e.preventDefault();unplace(id)}
    }
    function startKeyboardMove(id,part){
      select(id,part);moving=true;
      var x=byId[id],p=x.placements[part];
      var i=0;if(p&&p.day===day){for(var k=0;k<cells.length;k++)if(cells[k].roomId===(p.room||"")&&cells[k].time===p.start){i=k;break}}
      cursor=i;if(cells.length)moveCursor(0,0);
      say("Moving "+x.title+": arrows choose a room and time, Enter drops, Escape cancels.")
    }
    function moveCursor(dr,ds){
      if(!cells.length)return;
      var c=cells[cursor],rooms=0,starts=0;cells.forEach(function(q){rooms=Math.max(rooms,q.room+1);starts=Math.max(starts,q.start+1)});
      var room=Math.min(rooms-1,Math.max(0,c.room+dr)),start=Math.min(starts-1,Math.max(0,c.start+ds));
      for(var k=0;k<cells.length;k++)if(cells[k].room===room&&cells[k].start===start){cursor=k;break}
      var n=cells[cursor];n.e.scrollIntoView({block:"nearest",inline:"nearest"});
      setTarget({day:n.day,start:n.time,room:n.roomId,node:n.e})
    }
    d.addEventListener("keydown",function(e){
      if(!moving)return;
      var k=e.key;
      if(k==="ArrowLeft"){e.preventDefault();moveCursor(-1,0)}else if(k==="ArrowRight"){e.preventDefault();moveCursor(1,0)}
      else if(k==="ArrowUp"){e.preventDefault();moveCursor(0,-1)}else if(k==="ArrowDown"){e.preventDefault();moveCursor(0,1)}
      else if(k==="Enter"){e.preventDefault();moving=false;var t=target;if(t)commit(t)}
      else if(k==="Escape"){e.preventDefault();moving=false;clearTarget();$("preview").hidden=true;say("Move cancelled.")}
    },true);

    var tray=$("tray-zone");
    tray.addEventListener("dragover",function(e){if(!picked)return;var x=byId[picked.session];if(!x||!x.placements.length)return;e.preventDefault();tray.classList.add("target")});
    tray.addEventListener("dragleave",function(){tray.classList.remove("target")});
    tray.addEventListener("drop",function(e){if(!picked)return;e.preventDefault();tray.classList.remove("target");unplace(picked.session)});

    $("undo").addEventListener("click",function(){changed(api("POST","/api/undo"),"Undone.")});
    $("redo").addEventListener("click",function(){changed(api("POST","/api/redo"),"Redone.")});
    $("reload").addEventListener("click",function(){changed(api("POST","/api/reload"),"Reloaded from disk (Undo brings the board's changes back).")});
    $("save").addEventListener("click",save);
    function save(){return api("POST","/api/save").then(function(r){say(r.note);return load().then(function(){return r})}).catch(function(e){fail(e);if(e.status===409)$("reload").classList.add("busy");return null})}

    // Place the rest: the solver runs on the server; progress arrives as server-sent events.
    $("solve").addEventListener("click",function(){solve(10)});
    $("stop").addEventListener("click",function(){api("POST","/api/solve/stop").catch(fail)});
    function solve(seconds){
      return api("POST","/api/solve",{seconds:seconds||10}).then(function(s){renderSolve(s);listen();return s}).catch(fail)
    }
    function listen(){
      if(events)events.close();
      events=new EventSource("/api/solve/events?token="+encodeURIComponent(token));
      events.addEventListener("progress",function(m){try{renderSolve(JSON.parse(m.data))}catch(e){}});
      events.addEventListener("done",function(m){events.close();events=null;try{renderSolve(JSON.parse(m.data))}catch(e){}});
      events.addEventListener("idle",function(){events.close();events=null});
      events.onerror=function(){if(events){events.close();events=null}};
    }
    function renderSolve(s){
      if(!s)return;
      $("solve").disabled=!!s.running;$("stop").hidden=!s.running;$("solve").classList.toggle("busy",!!s.running);
      if(s.running)say("Placing the rest… "+s.elapsed.toFixed(1)+" s"+(s.best?", best so far "+scoreText(s.best):""));
      var box=$("proposal");
      // The cards the proposal would move say where to.
      var key=s.proposal?JSON.stringify(s.proposal.moved):"";
      if(key!==proposalKey){proposalKey=key;proposed={};(s.proposal?s.proposal.moved:[]).forEach(function(m){(proposed[m.session]=proposed[m.session]||[]).push(m)});if(state){renderGrid();renderTray()}}
      if(!s.proposal){box.hidden=true;box.textContent="";return}
      var p=s.proposal;box.hidden=false;box.textContent="";
      box.appendChild(el("h2",null,"Proposal: "+scoreText(p.score)+" (now "+scoreText(p.before)+")"));
      box.appendChild(el("p",null,p.moved.length+" part(s) placed or moved in "+p.seconds.toFixed(1)+" s ("+p.stopReason+")"+(p.feasible?"; no hard rule broken.":"; a hard rule is still broken.")));
      p.explanation.forEach(function(t){box.appendChild(el("p","worse",t))});
      var ul=el("ul");ul.id="proposal-moves";
      p.moved.forEach(function(m){
        function at(q){return q?q.day+" "+q.start+" "+(q.room||"online"):"unplaced"}
        ul.appendChild(el("li",null,m.title+": "+at(m.from)+" → "+at(m.to)))
      });
      box.appendChild(ul);
      var ok=el("button",null,"Accept");ok.type="button";ok.id="accept";ok.addEventListener("click",function(){changed(api("POST","/api/solve/accept"),"Proposal accepted (Undo takes it back).")});
      var no=el("button",null,"Discard");no.type="button";no.id="discard";no.addEventListener("click",function(){changed(api("POST","/api/solve/discard"),"Proposal discarded.")});
      box.appendChild(ok);box.appendChild(no);
      if(!s.running)say("The solver's proposal is ready: accept or discard it.")
    }

    // For tests and scripts (HTML5 drag and drop cannot be driven by every tool).
    window.forumBoard={
      state:function(){return state},reload:load,
      pick:function(id,part){select(id,part||0)},
      hover:function(t){setTarget({day:t.day,start:t.start,room:t.room,node:findCell(t)})},
      preview:function(){return lastPreview},
      drop:function(t){return commit({day:t.day,start:t.start,room:t.room})},
      showDay:function(x){day=x;renderTabs();renderGrid()},
      pin:togglePin,unplace:unplace,save:save,solve:solve,
      undo:function(){return changed(api("POST","/api/undo"),"Undone.")}
    };
    function findCell(t){
      var n=null;d.querySelectorAll(".drop").forEach(function(c){if(c.getAttribute("data-day")===t.day&&c.getAttribute("data-start")===t.start&&c.getAttribute("data-room")===t.room)n=c});return n
    }
    if(!token){say("This address has no token: open the one `forum serve` printed.",true)}
    load().then(function(){if(state&&state.solve&&state.solve.running)listen()});
    })();

    """#
}
