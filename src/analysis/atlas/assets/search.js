/* The atlas's search box: every official, O*NET, alternate and reported title, and SOC codes.
 *
 * Plain JavaScript, no library, no network: the index is window.ATLAS_INDEX from
 * assets/search-index.js (see analysis/atlas/search.py for its format). Titles are
 * normalised like analysis.occupations.lookup.normalize_title (case, punctuation, "&",
 * plurals), split into words, and each query word matches a title word exactly, as a prefix
 * (the word being typed) or within 1 edit (4-7 letters) or 2 edits (8 or more): typos,
 * missing or doubled letters and swapped neighbours. A title matches when all query words
 * do; occupations are ranked by their best title's cost. Results update as you type.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 25;
  var PREFIX_COST = 0.3;

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

  function allowedEdits(word) {
    return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
  }

  function Index(data) {
    var self = this;
    this.groups = data.g;
    this.occupations = data.o;
    this.entries = []; // [title, [occupation indexes], official]
    this.vocab = [];
    this.postings = [];
    var vocabId = Object.create(null);
    function add(title, owners, official) {
      var id = self.entries.length, seen = Object.create(null);
      self.entries.push([title, owners, official]);
      words(title).forEach(function (w) {
        if (seen[w]) return;
        seen[w] = true;
        var v = vocabId[w];
        if (v === undefined) {
          v = vocabId[w] = self.vocab.length;
          self.vocab.push(w);
          self.postings.push([]);
        }
        self.postings[v].push(id);
      });
      self.entries[id].push(Object.keys(seen).length);
    }
    data.o.forEach(function (o, i) { add(o[1], [i], true); });
    data.t.split("\n").forEach(function (line) {
      if (!line) return;
      var tab = line.lastIndexOf("\t");
      add(line.slice(0, tab), line.slice(tab + 1).split(",").map(Number), false);
    });
  }

  /* Vocabulary words a query word may stand for, with their cost. */
  Index.prototype.candidates = function (q, typing) {
    var out = [], max = allowedEdits(q), i, w, d;
    for (i = 0; i < this.vocab.length; i++) {
      w = this.vocab[i];
      if (w === q) { out.push([i, 0]); continue; }
      if (typing && w.length > q.length && w.lastIndexOf(q, 0) === 0) {
        out.push([i, PREFIX_COST]);
        continue;
      }
      if (max === 0) continue;
      d = distance(q, w, max);
      if (d <= max) { out.push([i, d]); continue; }
      if (typing && w.length > q.length) {
        d = distance(q, w.slice(0, q.length), max);
        if (d <= max) out.push([i, d + PREFIX_COST]);
      }
    }
    return out;
  };

  Index.prototype.searchCode = function (digits) {
    var out = [];
    this.occupations.forEach(function (o, i) {
      if (o[0].replace("-", "").lastIndexOf(digits, 0) === 0) out.push({ occ: i, cost: 0, title: o[1] });
    });
    return out;
  };

  Index.prototype.search = function (query) {
    var code = query.match(/^\s*(\d{2})(?:[-\s.]?(\d{0,4}))?\s*$/);
    if (code) return this.searchCode(code[1] + (code[2] || ""));
    var qwords = words(query), self = this;
    if (!qwords.length) return [];
    var costs = null;
    qwords.forEach(function (q, k) {
      var typing = k === qwords.length - 1 && !/\s$/.test(query);
      var next = new Map();
      self.candidates(q, typing).forEach(function (c) {
        self.postings[c[0]].forEach(function (e) {
          if (costs !== null && !costs.has(e)) return;
          var before = next.get(e);
          if (before === undefined || c[1] < before) next.set(e, c[1]);
        });
      });
      if (costs !== null) next.forEach(function (c, e) { next.set(e, c + costs.get(e)); });
      costs = next;
    });
    var best = new Map();
    costs.forEach(function (cost, e) {
      var entry = self.entries[e];
      // Prefer titles with fewer extra words, and official titles on ties.
      var total = cost + 0.05 * (entry[3] - qwords.length) + (entry[2] ? 0 : 0.02);
      entry[1].forEach(function (occ) {
        var seen = best.get(occ);
        if (!seen || total < seen.cost) best.set(occ, { occ: occ, cost: total, title: entry[0] });
      });
    });
    return Array.from(best.values());
  };

  function show(index, query, list, status) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query.trim()) { status.textContent = ""; return; }
    var found = index.search(query);
    found.sort(function (x, y) {
      return x.cost - y.cost || index.occupations[x.occ][1].localeCompare(index.occupations[y.occ][1]);
    });
    status.textContent = found.length === 0
      ? "No occupation matches \u201c" + query.trim() + "\u201d. Try fewer words or a SOC code."
      : found.length + " occupation" + (found.length === 1 ? "" : "s") + " match" +
        (found.length === 1 ? "es" : "") + (found.length > MAX_RESULTS ? "; the first " + MAX_RESULTS + ":" : ":");
    found.slice(0, MAX_RESULTS).forEach(function (r) {
      var o = index.occupations[r.occ];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "occupations/" + o[0] + ".html";
      a.textContent = o[1];
      li.appendChild(a);
      var soc = document.createElement("span");
      soc.className = "soc";
      soc.textContent = " " + o[0] + " \u00b7 " + index.groups[o[2]][1];
      li.appendChild(soc);
      if (r.title !== o[1]) {
        var matched = document.createElement("div");
        matched.className = "matched";
        matched.textContent = "matched title: " + r.title;
        li.appendChild(matched);
      }
      list.appendChild(li);
    });
  }

  function start() {
    var input = document.getElementById("q");
    var list = document.getElementById("results");
    var status = document.getElementById("search-status");
    if (!input || !window.ATLAS_INDEX) return;
    var index = new Index(window.ATLAS_INDEX);
    var update = function () { show(index, input.value, list, status); };
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      var first = list.querySelector("a");
      if (event.key === "Enter" && first) window.location.href = first.href;
    });
    document.body.setAttribute("data-search-ready", "true");
    if (input.value) update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
