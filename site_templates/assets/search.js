// The briefing's search, served by the site. Names first: the name index (assets/search/names/,
// written by generator/search.py) is fetched a shard at a time for the words typed, and a profile
// is found by any of its spellings. Then Pagefind's full text (pagefind/, built over the site).
// Nothing is fetched before the reader focuses the box; every result is written as text.
(function () {
  "use strict";

  // ---- folding: the same rules as generator/normalize.py and generator/search.py ----------
  var PARTICLES = new Set(("al el ul as ash ad ar at az an abu abou bu bin ben ibn bint umm um " +
    "the of a and in fi fil ابو ابي بن ابن بنت ام في و").split(" "));
  var LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك",
                 "ؤ": "و", "ئ": "ي", "ء": ""};
  var LETTER = /[أإآٱةىیکؤئء]/g;
  var APOSTROPHE = "'’‘‛`´′ʹʻʼʽʾʿ";
  var POSSESSIVE = new RegExp("([\\p{L}\\p{N}])[" + APOSTROPHE + "](s)(?![\\p{L}\\p{N}])", "giu");
  var APOSTROPHES = new RegExp("[" + APOSTROPHE + "]", "g");
  var NOT_WORD = /[^\p{L}\p{N}]+/u;
  var LATIN_VOWELS = "aeiouy", ARABIC_VOWELS = "اوي";

  function fold(text) {
    var s = String(text).replace(POSSESSIVE, "$1 $2").replace(APOSTROPHES, "")
      .replace(/\u0640/g, "").replace(/\p{Cf}/gu, "").replace(LETTER, function (c) { return LETTERS[c]; })
      .normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss")
      .replace(LETTER, function (c) { return LETTERS[c]; });
    return s.split(NOT_WORD).filter(Boolean).map(function (w) {
      return w.indexOf("ال") === 0 && w.length > 3 ? w.slice(2) : w;
    });
  }
  function keyWords(words) {
    var kept = words.filter(function (w) { return !PARTICLES.has(w); });
    return kept.length ? kept : words;
  }
  function skeleton(word) {
    var vowels = word.charAt(0) >= "\u0600" ? ARABIC_VOWELS : LATIN_VOWELS;
    var out = word.charAt(0), previous = out;
    for (var i = 1; i < word.length; i++) {
      var c = word.charAt(i);
      if (vowels.indexOf(c) < 0 && c !== previous) { out += c; }
      previous = c;
    }
    return out;
  }
  function shardKey(sk, depth) {
    return Array.from(sk).slice(0, depth).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join("-");
  }
  function shardOf(word) { return shardKey(skeleton(word), 2); }
  // the word and the words one letter shorter: a misspelt word meets its shard through them
  function near(word) {
    var variants = [word];
    if (word.length >= 4) {
      for (var i = 0; i < word.length; i++) { variants.push(word.slice(0, i) + word.slice(i + 1)); }
    }
    return Array.from(new Set(variants));
  }
  // the shard holding a word: the longest skeleton prefix (2 to 4 letters) that names a shard
  function shardFor(word, shards) {
    var sk = Array.from(skeleton(word));
    for (var depth = Math.min(sk.length, 4); depth >= 2; depth--) {
      var letters = sk.slice(0, depth).join("");
      if (shards.has(letters)) { return letters; }
    }
    return null;
  }

  // ---- name matching --------------------------------------------------------------------
  function withinOneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) { return false; }
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) { return false; }
      if (a.length > b.length) { i++; } else if (a.length < b.length) { j++; } else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }
  function wordScore(q, t) {
    if (q === t) { return 1; }
    if (q.length >= 3 && skeleton(q) === skeleton(t)) { return 0.9; }
    if (q.length >= 4 && withinOneEdit(q, t)) { return 0.8; }
    if (q.length >= 2 && t.indexOf(q) === 0) { return 0.7; }
    if (q.length > 4 && /^(al|el)/.test(q)) { return 0.95 * wordScore(q.slice(2), t); }
    return 0;
  }
  // how well the query's words name one spelling: {score, matched}
  function spellingScore(query, particles, folded) {
    var words = folded.split(" "), key = keyWords(words), used = new Set(), sum = 0, matched = 0;
    query.forEach(function (q) {
      var best = 0, at = -1;
      key.forEach(function (t, i) {
        var s = wordScore(q, t);
        if (s > best) { best = s; at = i; }
      });
      if (best > 0) { sum += best; matched++; used.add(at); }
    });
    var bonus = particles.filter(function (p) { return words.indexOf(p) >= 0; }).length * 0.01;
    return {score: sum / query.length + 0.2 * used.size / key.length + bonus, matched: matched};
  }
  function rankNames(entries, words) {
    var query = keyWords(words), particles = words.filter(function (w) { return PARTICLES.has(w); });
    var hits = [];
    entries.forEach(function (e) {
      var best = {score: 0, matched: 0, spelling: null};
      e.names.forEach(function (pair) {
        var s = spellingScore(query, particles, pair[1]);
        if (s.score > best.score) { best = {score: s.score, matched: s.matched, spelling: pair[0]}; }
      });
      if (query.length === 1 && e.acronyms.indexOf(query[0]) >= 0 && best.score < 1.15) {
        best = {score: 1.15, matched: 1, spelling: null};
      }
      var all = best.matched === query.length, place = null;
      // a place it operates in names a profile less surely than its own names: never first
      (e.places || []).forEach(function (pair) {
        var s = spellingScore(query, particles, pair[1]);
        if (s.matched === query.length && 0.8 * s.score > best.score) {
          best = {score: 0.8 * s.score, matched: s.matched, spelling: null};
          all = false;
          place = pair[0];
        }
      });
      if (best.matched > 0) {
        hits.push({url: e.url, title: e.title, kind: e.kind, groups: e.groups, score: best.score,
                   all: all, spelling: best.spelling, place: place});
      }
    });
    hits.sort(function (a, b) { return b.score - a.score || a.title.length - b.title.length; });
    return hits;
  }

  // ---- fetching -------------------------------------------------------------------------
  var box = document.querySelector(".briefing-search");
  if (!box) { return; }
  var root = new URL((box.getAttribute("data-base") || ".").replace(/\/?$/, "/"), location.href);
  var cache = {}, manifest = null, fulltext = [], engine = null, instances = {};
  // the Pagefind bundles, as the page names them (the manifest lists them too, with their files)
  var pageBundles = (box.getAttribute("data-fulltext") || "").split(/\s+/).filter(Boolean);

  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, root)).then(function (r) {
        if (!r.ok) { throw new Error(path + ": " + r.status); }
        return r.json();
      });
    }
    return cache[path];
  }
  function loadManifest() {
    if (!manifest) {
      manifest = getJSON("assets/search/names/manifest.json").then(function (m) {
        fulltext = m.fulltext || [];
        return new Map(Object.entries(m.shards));
      });
    }
    return manifest;
  }
  // the full-text bundles the manifest lists: records (profiles, incidents), then documents
  function bundles() {
    return loadManifest().then(function () { return fulltext; });
  }
  // Pagefind's script, the same file in every bundle: the engine, no index. Fetched as soon as
  // the reader points at or touches the box.
  function loadEngine() {
    if (!engine) {
      var first = pageBundles.length ? Promise.resolve(pageBundles[0]) : bundles().then(
        function (list) { return list.length ? list[0].folder : null; });
      engine = first.then(function (folder) {
        return folder ? import(new URL(folder + "/pagefind.js", root).href) : null;
      });
    }
    return engine;
  }
  // a bundle's files for this page's language: its entry file (asked with the metadata's name,
  // which changes whenever the index does, as its cache tag), metadata and wasm
  function bundleFiles(bundle) {
    var lang = (document.documentElement.lang || "").toLowerCase(), files = bundle.files || {};
    var mine = files[lang] || files[lang.split("-")[0]];
    if (!mine) { return null; }
    var tag = mine.meta.replace(/^pagefind\.|\.pf_meta$/g, "");
    return {tag: tag, urls: ["pagefind-entry.json?ts=" + tag, mine.meta, mine.wasm]};
  }
  // asked for all at once, beside Pagefind's script, rather than each after the one before
  // (Pagefind's own fetches of the same addresses are then served by the preload)
  function preload(bundle, urls) {
    urls.forEach(function (name) {
      var link = document.createElement("link");
      link.rel = "preload";
      link.as = "fetch";
      link.crossOrigin = "anonymous";  // as Pagefind's fetch asks, so the two match
      link.href = new URL(bundle.folder + "/" + name, root).href;
      document.head.appendChild(link);
    });
  }
  // one Pagefind instance per bundle, all from the one engine (its wasm compiled once)
  function loadBundle(bundle) {
    if (!instances[bundle.folder]) {
      var files = bundleFiles(bundle), options = {
        basePath: new URL(bundle.folder + "/", root).href, baseUrl: root.pathname,
        excerptLength: 24,
        noWorker: true  // on the main thread: a worker adds its script and start-up (measured)
      };
      if (files) {
        preload(bundle, files.urls);
        options.metaCacheTag = files.tag;
      }
      instances[bundle.folder] = loadEngine().then(function (pf) {
        var instance = pf.createInstance(options);
        instance.ready = false;
        // a blank query: Pagefind waits for its files, readies its word splitter, fetches nothing
        instance.preload(" ").then(function () { instance.ready = true; }, function () {});
        return instance;
      });
    }
    return instances[bundle.folder];
  }
  // Pagefind starts a search once its metadata and wasm are in, checking every 50 ms: while
  // they load, ask three times 17 ms apart (preload: the index chunks, no search), so the
  // search starts within 17 ms of the engine being ready rather than up to 50
  function whenReady(pf, term, filters) {
    if (pf.ready) { return Promise.resolve(); }
    return new Promise(function (resolve, reject) {
      [0, 17, 34].forEach(function (delay) {
        setTimeout(function () {
          if (pf.ready) { return resolve(); }
          pf.preload(term, {filters: filters}).then(function () { pf.ready = true; resolve(); }, reject);
        }, delay);
      });
    });
  }
  function loadPagefind() {
    return bundles().then(function (list) { return list.length ? loadBundle(list[0]) : null; });
  }

  // which shards: "smallest" (of the words' own), "own" (every word's) or "near" (and those of
  // the words one letter shorter)
  function nameEntries(words, which) {
    return loadManifest().then(function (shards) {
      var wanted = new Set();
      keyWords(words).forEach(function (w) {
        (which === "near" ? near(w) : [w]).forEach(function (v) {
          var letters = shardFor(v, shards);
          if (letters) { wanted.add(letters); }
        });
      });
      var keys = Array.from(wanted);
      if (which === "smallest" && keys.length > 1) {
        keys.sort(function (a, b) { return shards.get(a) - shards.get(b); });
        keys = keys.slice(0, 1);
      }
      return Promise.all(keys.map(function (letters) {
        return getJSON("assets/search/names/" + shardKey(letters, letters.length) + ".json");
      }));
    }).then(function (lists) {
      // a shard holds only the spellings with a word in it: gather each profile's from all
      var byUrl = {}, entries = [];
      function merge(into, more, key) {
        var seen = new Set(into.map(key));
        more.forEach(function (x) { if (!seen.has(key(x))) { seen.add(key(x)); into.push(x); } });
      }
      function first(pair) { return pair[0]; }
      function self(x) { return x; }
      lists.forEach(function (rows) {
        rows.forEach(function (r) {
          var e = byUrl[r[0]];
          if (!e) {
            e = byUrl[r[0]] = {url: r[0], title: r[1], kind: r[2], groups: r[3], names: [],
                               acronyms: [], places: []};
            entries.push(e);
          }
          merge(e.names, r[4], first);
          merge(e.acronyms, r[5], self);
          merge(e.places, r[6], first);
        });
      });
      return entries;
    });
  }

  // ---- full text ------------------------------------------------------------------------
  function textWords(query) {
    var words = query.toLowerCase().replace(APOSTROPHES, "").split(/[\s\-‐‑–—_]+/)
      .filter(Boolean);
    var kept = words.filter(function (w) { return !PARTICLES.has(w); });
    return kept.length ? kept : words;
  }
  function fullText(pf, query, filters) {
    var words = textWords(query);
    return whenReady(pf, words.join(" "), filters).then(function () {
      return pf.search(words.join(" "), {filters: filters});
    }).then(function (found) {
      if (found.results.length >= 3 || words.length < 2) { return found.results; }
      // fewer than three pages hold every word: rank pages by how many of the words they hold
      return Promise.all(words.map(function (w) {
        return pf.search(w, {filters: filters}).then(function (one) {
          var collapsed = w.replace(/(.)\1+/g, "$1");
          if (one.results.length || collapsed === w) { return one.results; }
          return pf.search(collapsed, {filters: filters}).then(function (r) { return r.results; });
        });
      })).then(function (lists) {
        var byId = {};
        found.results.forEach(function (r) { byId[r.id] = {r: r, words: words.length + 1, score: r.score}; });
        lists.forEach(function (list) {
          list.forEach(function (r) {
            var hit = byId[r.id] || (byId[r.id] = {r: r, words: 0, score: 0});
            hit.words++;
            hit.score += r.score;
          });
        });
        return Object.keys(byId).map(function (k) { return byId[k]; }).sort(function (a, b) {
          return b.words - a.words || b.score - a.score;
        }).map(function (h) { return h.r; });
      });
    });
  }

  // ---- showing --------------------------------------------------------------------------
  var input = box.querySelector(".briefing-search__input");
  var panel = box.querySelector(".briefing-search__panel");
  var list = box.querySelector(".briefing-search__results");
  var status = box.querySelector(".briefing-search__status");
  var selects = box.querySelectorAll(".briefing-search__filter");
  var generation = 0, SHOWN = 10;
  new MutationObserver(function () { markArabic(list); })
    .observe(list, {childList: true, subtree: true, characterData: true});

  var ARABIC = /[\u0600-\u06FF\u0750-\u077F]/;
  var ARABIC_RUN = /([\u0600-\u06FF\u0750-\u077F][\u0600-\u06FF\u0750-\u077F\s.,:;"'()\u060C\u061B\u061F-]*)/;
  // every run of Arabic in the results carries lang="ar" (screen readers switch voice)
  function markArabic(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), nodes = [];
    while (walker.nextNode()) {
      var node = walker.currentNode;
      if (ARABIC.test(node.data) && !node.parentElement.closest("[lang^=ar]")) { nodes.push(node); }
    }
    nodes.forEach(function (node) {
      var parts = node.data.split(ARABIC_RUN), fragment = document.createDocumentFragment();
      parts.forEach(function (part, index) {
        if (!part) { return; }
        if (index % 2) {
          var span = document.createElement("span");
          span.lang = "ar"; span.dir = "rtl"; span.textContent = part;
          fragment.appendChild(span);
        } else {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(fragment, node);
    });
  }
  function element(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text) {
      el.textContent = text;
      if (ARABIC.test(text)) { el.lang = "ar"; el.dir = "auto"; }  // Arabic runs are marked
    }
    return el;
  }
  // Pagefind's excerpt is escaped text: undo its entities (the result is only ever text)
  var NAMED = {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0"};
  function decode(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, function (all, name) {
      if (name[0] !== "#") { return NAMED[name.toLowerCase()] || all; }
      var code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    });
  }
  // Pagefind's excerpt marks the matched words with <mark>: keep those, show the rest as text
  function snippet(excerpt) {
    var p = element("p", "briefing-search__snippet");
    String(excerpt || "").split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") { return true; }
      if (piece === "</mark>") { return false; }
      var text = decode(piece);
      p.appendChild(marked ? element("mark", "", text) : document.createTextNode(text));
      return marked;
    }, false);
    return p;
  }
  function item(href, kind, title, detail) {
    var li = element("li", "briefing-search__item");
    var a = element("a", "briefing-search__link");
    a.href = href;
    a.appendChild(element("span", "briefing-search__kind", kind));
    a.appendChild(element("span", "briefing-search__title", title));
    li.appendChild(a);
    if (detail) { li.appendChild(detail); }
    return li;
  }
  function nameItem(hit) {
    var detail = null;
    if (hit.place || (hit.spelling && hit.spelling !== hit.title)) {
      detail = element("p", "briefing-search__snippet");
      detail.appendChild(document.createTextNode(hit.place ? "Operates in " : "Also written "));
      detail.appendChild(element("mark", "", hit.place || hit.spelling));
    }
    return item(new URL(hit.url, root).href, hit.kind, hit.title, detail);
  }
  function pathOf(href) { return new URL(href, root).pathname; }

  function show(names, pages, docs, done) {
    var strong = names.filter(function (h) { return h.all; });
    var weak = names.filter(function (h) { return !h.all; });
    var order = strong.map(nameItem), seen = new Set(strong.map(function (h) {
      return pathOf(h.url);
    }));
    function add(li, href) {
      var path = pathOf(href);
      if (!seen.has(path)) { seen.add(path); order.push(li); }
    }
    pages.slice(0, 2).forEach(function (p) { add(p.li, p.url); });
    weak.slice(0, 3).forEach(function (h) { add(nameItem(h), h.url); });
    pages.slice(2, 6).forEach(function (p) { add(p.li, p.url); });
    docs.slice(0, 4).forEach(function (p) { add(p.li, p.url); });
    pages.slice(6).concat(docs.slice(4)).forEach(function (p) { add(p.li, p.url); });
    list.replaceChildren.apply(list, order.slice(0, SHOWN));
    status.textContent = order.length ? "" : (done ? "Nothing found." : "Searching…");
    box.classList.toggle("briefing-search--busy", !done);
    if (done) { box.setAttribute("data-searched", input.value.trim()); }
  }
  function filtersNow() {
    var f = {};
    selects.forEach(function (s) { if (s.value) { f[s.getAttribute("data-filter")] = s.value; } });
    return f;
  }
  function keepName(hit, f) {
    if (f.year) { return false; }
    if (f.kind && f.kind !== hit.kind) { return false; }
    return !f.group || hit.groups.indexOf(f.group) >= 0;
  }

  function run() {
    var query = input.value.trim(), mine = ++generation, filters = filtersNow();
    box.removeAttribute("data-searched");
    box.classList.add("briefing-search--busy");
    panel.hidden = !query;
    if (!query) { list.replaceChildren(); show([], [], [], true); return; }
    var words = fold(query), names = [], pages = [], namesDone = false, pagesDone = false;
    // the shards of the words as typed first; those of their one-letter-shorter forms only when
    // no profile matched every word (a misspelling), so a well-spelt name costs one shard a word
    function ranked(entries) {
      return rankNames(entries, words).filter(function (h) { return keepName(h, filters); });
    }
    // (and of several words, the smallest shard first: a name with every word is in it)
    nameEntries(words, "smallest").then(function (entries) {
      names = ranked(entries);
      if (names.some(function (h) { return h.all; })) {
        update();
        return nameEntries(words, "own").then(function (more) { names = ranked(more); });
      }
      return nameEntries(words, "near").then(function (more) { names = ranked(more); });
    }).catch(function () { names = []; }).then(function () { namesDone = true; update(); });
    // records first; documents once the records' first result is shown (or there is none).
    // A search the reader has typed past stops asking for more.
    var docs = [];
    function current() { return mine === generation; }
    // (a single letter is left to the names: its full text would fetch every chunk of words
    // that begin with it)
    var fullTextBundles = Array.from(query).length > 1 ? bundles() : Promise.resolve([]);
    fullTextBundles.then(function (list) {
      var wantRecords = !filters.kind || filters.kind !== "document";
      var wantDocs = list[1] && (!filters.kind || filters.kind === "document");
      var records = list[0] && wantRecords ? searchBundle(list[0], function (found) {
        pages = found;
        update();
      }) : {first: Promise.resolve(), all: Promise.resolve()};
      var documents = records.first.then(function () {
        if (!wantDocs || !current()) { return null; }
        var asked = searchBundle(list[1], function (found) { docs = found; update(); });
        return asked.all;
      });
      return Promise.all([records.all, documents]);
    }).catch(function () { return null; }).then(function () {
      pagesDone = true;
      update();
    });
    // {first: once the bundle's first hit is shown or it has none, all: once all are shown}
    function searchBundle(bundle, shown) {
      var results = loadBundle(bundle).then(function (pf) {
        return current() ? fullText(pf, query, filters) : [];
      });
      // each result's page is a fragment fetched on its own: the first alone, so it shows as
      // soon as it can, then the rest together, shown in order as they arrive
      var arrived = [];
      function fetchData(found, from, to) {
        return Promise.all(found.slice(from, to).map(function (r, i) {
          return r.data().then(function (d) {
            arrived[from + i] = pageHit(d);
            var ready = 0;
            while (ready < arrived.length && arrived[ready]) { ready++; }
            shown(arrived.slice(0, ready));
          });
        }));
      }
      var first = results.then(function (found) { return fetchData(found, 0, 1); })
        .then(afterPaint);
      var all = first.then(function () {
        return results.then(function (found) {
          return current() ? fetchData(found, 1, SHOWN) : null;
        });
      });
      return {first: first.catch(function () { return null; }), all: all};
    }
    function update() {
      if (mine === generation) {
        show(names, pages.concat([]), docs, namesDone && pagesDone);
      }
    }
  }
  // once the browser has painted what is shown (or 100 ms on, in a tab that does not paint)
  function afterPaint() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { setTimeout(resolve, 0); });
      setTimeout(resolve, 100);
    });
  }
  function pageHit(d) {
    var url = new URL(d.url, location.href).href;
    var kind = d.meta && d.meta.kind !== "page" ? d.meta.kind : "";
    return {url: url, li: item(url, kind, (d.meta && d.meta.title) || url, snippet(d.excerpt))};
  }

  function fillOptions() {
    bundles().then(function (list) {
      return Promise.all(list.map(function (bundle) {
        return loadBundle(bundle).then(function (pf) { return pf.filters(); });
      }));
    }).then(function (all) {
      ["group", "year"].forEach(function (name) {
        var select = box.querySelector('[data-filter="' + name + '"]');
        if (!select || select.options.length > 1) { return; }
        var values = new Set();
        all.forEach(function (f) { Object.keys(f[name] || {}).forEach(function (v) { values.add(v); }); });
        var sorted = Array.from(values).sort();
        if (name === "year") { sorted.reverse(); }
        sorted.forEach(function (v) { select.appendChild(new Option(v, v)); });
      });
    });
  }
  // pointing at the box loads the engine; focusing it, the name manifest and the first bundle's
  // entry, metadata and wasm; each keystroke searches at once (nothing before that is index)
  ["pointerenter", "touchstart"].forEach(function (type) {
    box.addEventListener(type, loadEngine, {once: true, passive: true});
  });
  input.addEventListener("focus", function () { loadEngine(); loadPagefind(); });
  input.addEventListener("input", run);
  selects.forEach(function (s) {
    s.addEventListener("focus", fillOptions);
    s.addEventListener("change", run);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; run(); input.blur(); }
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { location.href = first.href; }
    }
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) { panel.hidden = true; }
  });
  input.addEventListener("click", function () { if (input.value.trim()) { panel.hidden = false; } });

  // the box sits in Material's header, where its own search would have been
  var header = document.querySelector(".md-header__inner");
  if (header) { header.insertBefore(box, header.querySelector(".md-header__source")); }
  box.hidden = false;

  // what the tests call: the fold, and the names the index gives a query, best first
  window.BriefingSearch = {
    fold: fold, keyWords: keyWords, skeleton: skeleton, shardOf: shardOf, shardKey: shardKey, near: near,
    names: function (query) {
      var words = fold(query);
      return nameEntries(words, "near").then(function (entries) { return rankNames(entries, words); });
    }
  };
})();
