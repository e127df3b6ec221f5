/* The atlas's search box: every official, O*NET, alternate and reported title, and SOC codes.
 *
 * Plain JavaScript, no library, no network: the index is window.ATLAS_INDEX from
 * assets/search-index.js (see analysis/atlas/search.py for its format). Titles are
 * normalised like analysis.occupations.lookup.normalize_title (case, punctuation, "&",
 * plurals) and split into words. Each query word matches a title word exactly, as a prefix,
 * or -- only when no title anywhere has the word itself -- within 1 edit (4-7 letters) or
 * 2 edits (8 or more): typos, missing or doubled letters, swapped neighbours. A title
 * matches when all query words do. Occupations are ranked by their best title:
 *
 *   1. the whole title is the query ("lawyer", "truck driver", "nurse");
 *   2. every query word is a whole word of the title;
 *   3. some query word is only the start of a title word ("regist nurse");
 *   4. some query word needed an edit (fewer edits first);
 *
 * and within each step an official title (OEWS, O*NET) before an alternate or reported
 * one, then the occupation with more workers (OEWS employment), so "cook" opens
 * Cooks, Restaurant rather than Cooks, Private Household.
 *
 * The box follows the WAI-ARIA combobox pattern: arrow keys move through the results
 * (aria-activedescendant), Enter opens the highlighted or first result, Escape clears,
 * and a live region says how many occupations match and which comes first.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 25;
  var EXACT = 0, WHOLE = 1, PREFIX = 2, TYPO = 3;

  function singular(word) {
    if (word.length <= 3) return word;
    if (word.length > 4 && /ies$/.test(word)) return word.slice(0, -3) + "y";
    if (/(sses|ches|shes|xes)$/.test(word)) return word.slice(0, -2);
    if (/s$/.test(word) && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function words(text) {
    var found = text.toLowerCase().replace(/&/g, " and ").normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "").match(/[a-z0-9]+/g);
    return found ? found.map(singular) : [];
  }

  /* Optimal string alignment distance of a and b, or max + 1 once it must exceed max. */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], row, i, j, best, cost;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      best = i;
      for (j = 1; j <= b.length; j++) {
        cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j], prev2[j - 2] + 1);
        }
        if (row[j] < best) best = row[j];
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /* Edits a word may need: none for short words (too many neighbours), more for long ones. */
  function allowedEdits(word) {
    return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
  }

  function Index(data) {
    var self = this;
    this.groups = data.g;
    this.occupations = data.o;
    this.entries = []; // {title, owners: [occupation index], official: [bool], size: words}
    this.vocab = [];
    this.vocabId = Object.create(null);
    this.postings = [];
    function add(title, owners, official) {
      var id = self.entries.length, seen = Object.create(null), n = 0;
      words(title).forEach(function (w) {
        if (seen[w]) return;
        seen[w] = true;
        n += 1;
        var v = self.vocabId[w];
        if (v === undefined) {
          v = self.vocabId[w] = self.vocab.length;
          self.vocab.push(w);
          self.postings.push([]);
        }
        self.postings[v].push(id);
      });
      self.entries.push({ title: title, owners: owners, official: official, size: n });
    }
    data.o.forEach(function (o, i) { add(o[1], [i], [true]); });
    data.t.split("\n").forEach(function (line) {
      if (!line) return;
      var tab = line.lastIndexOf("\t");
      var owners = line.slice(tab + 1).split(",");
      add(line.slice(0, tab), owners.map(function (s) { return parseInt(s, 10); }),
        owners.map(function (s) { return s.slice(-1) === "o"; }));
    });
  }

  /* Vocabulary words a query word may stand for: [word id, kind, edits]. */
  Index.prototype.candidates = function (q, typing) {
    var out = [], i, w, d;
    var exact = this.vocabId[q];
    if (exact !== undefined) out.push([exact, WHOLE, 0]);
    // An edit only where no title has the word itself: "lawyer" never finds "sawyer".
    var max = exact === undefined ? allowedEdits(q) : 0;
    for (i = 0; i < this.vocab.length; i++) {
      w = this.vocab[i];
      if (w.length > q.length && w.lastIndexOf(q, 0) === 0) {
        out.push([i, PREFIX, 0]);
        continue;
      }
      if (max === 0 || i === exact) continue;
      d = distance(q, w, max);
      if (d <= max) { out.push([i, TYPO, d]); continue; }
      if (typing && w.length > q.length) {
        d = distance(q, w.slice(0, q.length), max);
        if (d <= max) out.push([i, TYPO, d]);
      }
    }
    return out;
  };

  Index.prototype.searchCode = function (digits) {
    var out = [];
    this.occupations.forEach(function (o, i) {
      if (o[0].replace("-", "").lastIndexOf(digits, 0) === 0) out.push({ occ: i, title: o[1] });
    });
    return out;
  };

  function better(x, y) { // negative when match x ranks before match y
    return x.tier - y.tier || x.edits - y.edits || x.unofficial - y.unofficial ||
      y.jobs - x.jobs || x.extra - y.extra || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
  }

  /* Occupations matching ``query``, best first: [{occ, title}], title being the one matched. */
  Index.prototype.search = function (query) {
    var code = query.match(/^\s*(\d{2})(?:[-\s.]?(\d{0,4}))?\s*$/);
    if (code) return this.searchCode(code[1] + (code[2] || ""));
    var qwords = [], self = this;
    words(query).forEach(function (w) { if (qwords.indexOf(w) < 0) qwords.push(w); });
    if (!qwords.length) return [];
    var found = null; // entry id -> [worst kind, edits]
    qwords.forEach(function (q, k) {
      var typing = k === qwords.length - 1 && !/\s$/.test(query);
      var next = new Map();
      self.candidates(q, typing).forEach(function (c) {
        self.postings[c[0]].forEach(function (e) {
          if (found !== null && !found.has(e)) return;
          var before = next.get(e);
          if (before === undefined || c[1] < before[0] || (c[1] === before[0] && c[2] < before[1])) {
            next.set(e, [c[1], c[2]]);
          }
        });
      });
      if (found !== null) {
        next.forEach(function (m, e) {
          var had = found.get(e);
          next.set(e, [Math.max(m[0], had[0]), m[1] + had[1]]);
        });
      }
      found = next;
    });
    var best = new Map();
    found.forEach(function (m, e) {
      var entry = self.entries[e];
      var tier = m[0] === WHOLE && entry.size === qwords.length ? EXACT : m[0];
      entry.owners.forEach(function (occ, k) {
        var o = self.occupations[occ];
        var match = {
          occ: occ, title: entry.title, tier: tier, edits: m[1],
          unofficial: entry.official[k] ? 0 : 1, jobs: o[3] || 0,
          extra: entry.size - qwords.length, name: o[1]
        };
        var seen = best.get(occ);
        if (!seen || better(match, seen) < 0) best.set(occ, match);
      });
    });
    return Array.from(best.values()).sort(better);
  };

  function option(index, r, n) {
    var o = index.occupations[r.occ];
    var li = document.createElement("li");
    li.setAttribute("role", "none");
    var a = document.createElement("a");
    a.href = "occupations/" + o[0] + ".html";
    a.id = "result-" + n;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1; // the input keeps focus; arrow keys move through the options
    var name = document.createElement("span");
    name.className = "title";
    name.textContent = o[1];
    a.appendChild(name);
    var soc = document.createElement("span");
    soc.className = "soc";
    soc.textContent = " " + o[0] + " \u00b7 " + index.groups[o[2]][1];
    a.appendChild(soc);
    if (r.title !== o[1]) {
      var matched = document.createElement("span");
      matched.className = "matched";
      matched.textContent = "matched title: " + r.title;
      a.appendChild(matched);
    }
    li.appendChild(a);
    return li;
  }

  function Box(index, input, list, status) {
    this.index = index;
    this.input = input;
    this.list = list;
    this.status = status;
    this.active = -1;
  }

  Box.prototype.options = function () { return this.list.querySelectorAll("[role=option]"); };

  Box.prototype.update = function () {
    var index = this.index, list = this.list, query = this.input.value;
    while (list.firstChild) list.removeChild(list.firstChild);
    this.setActive(-1);
    if (!query.trim()) {
      this.status.textContent = "";
      this.input.setAttribute("aria-expanded", "false");
      list.hidden = true;
      return;
    }
    var found = index.search(query);
    var first = found.length ? index.occupations[found[0].occ] : null;
    this.status.textContent = found.length === 0
      ? "No occupation matches \u201c" + query.trim() + "\u201d. Try fewer words or a SOC code."
      : found.length + " occupation" + (found.length === 1 ? "" : "s") + " match" +
        (found.length === 1 ? "es" : "") +
        (found.length > MAX_RESULTS ? " (the first " + MAX_RESULTS + " are listed)" : "") +
        "; first: " + first[1] + " (" + first[0] + "). Arrow keys move through the list, Enter opens.";
    found.slice(0, MAX_RESULTS).forEach(function (r, n) { list.appendChild(option(index, r, n)); });
    list.hidden = found.length === 0;
    this.input.setAttribute("aria-expanded", found.length ? "true" : "false");
  };

  Box.prototype.setActive = function (n) {
    var options = this.options();
    if (this.active >= 0 && options[this.active]) {
      options[this.active].setAttribute("aria-selected", "false");
      options[this.active].classList.remove("active");
    }
    this.active = n;
    if (n < 0 || !options[n]) {
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    options[n].setAttribute("aria-selected", "true");
    options[n].classList.add("active");
    this.input.setAttribute("aria-activedescendant", options[n].id);
    if (options[n].scrollIntoView) options[n].scrollIntoView({ block: "nearest" });
  };

  Box.prototype.key = function (event) {
    var options = this.options(), count = options.length;
    if (event.key === "ArrowDown" && count) {
      this.setActive(this.active < count - 1 ? this.active + 1 : 0);
    } else if (event.key === "ArrowUp" && count) {
      this.setActive(this.active > 0 ? this.active - 1 : count - 1);
    } else if (event.key === "Enter" && count) {
      window.location.href = options[this.active >= 0 ? this.active : 0].href;
    } else if (event.key === "Escape") {
      this.input.value = "";
      this.update();
    } else {
      return;
    }
    event.preventDefault();
  };

  function start() {
    var input = document.getElementById("q");
    var list = document.getElementById("results");
    var status = document.getElementById("search-status");
    if (!input || !window.ATLAS_INDEX) return;
    var box = new Box(new Index(window.ATLAS_INDEX), input, list, status);
    input.addEventListener("input", function () { box.update(); });
    input.addEventListener("keydown", function (event) { box.key(event); });
    document.body.setAttribute("data-search-ready", "true");
    if (input.value) box.update();
    // "Search all occupations" links here: put the cursor in the box. After the page's
    // load, as scrolling to the #search fragment would otherwise take the focus back.
    if (window.location.hash === "#search") {
      var focus = function () { input.focus(); };
      if (document.readyState === "complete") focus();
      else window.addEventListener("load", function () { setTimeout(focus, 0); });
    }
  }

  window.AtlasSearch = { Index: Index, words: words };
  if (typeof document === "undefined") return; // loaded outside a page (tests in node)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
