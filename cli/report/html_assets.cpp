// CSS and JavaScript of the self-contained HTML report.
#include "cli/report/html_assets.hpp"

namespace frist::cli {

const char* report_css() noexcept {
  return R"CSS(
:root { --ink: #1a202c; --muted: #5a6475; --line: #d5dae1; --bar: #2f6fb0; --total: #173a63; --flag: #a15c00; --bg-flag: #fff4e0; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 62rem; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85em; color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.legend { color: var(--muted); font-size: .92rem; margin: 0 0 1rem; padding-left: 1.2rem; }
section.rule { margin: 2rem 0; padding-top: 1rem; border-top: 1px solid var(--line); }
.basis, .outside { margin: .2rem 0; }
.measure { margin: .4rem 0 .2rem; font-size: 1.05rem; }
.unverified { color: var(--flag); font-weight: 600; }
.flag { display: inline-block; margin: .35rem 0; padding: .15rem .5rem; background: var(--bg-flag); color: var(--flag);
        border-radius: .25rem; font-weight: 600; }
figure { margin: .75rem 0; }
figcaption { color: var(--muted); font-size: .85rem; }
svg.chart { width: 100%; max-width: 48rem; height: auto; font-size: 12px; }
svg.chart text { fill: var(--ink); }
svg.chart .axis text, svg.chart .note { fill: var(--muted); }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .bar { fill: var(--bar); }
svg.chart .bar.total { fill: var(--total); }
svg.chart .bar.small { fill-opacity: .4; }
svg.chart .whisker { stroke: var(--ink); stroke-width: 1.2; }
svg.chart .ref { stroke: var(--total); stroke-dasharray: 3 3; stroke-width: 1; }
svg.chart .label.total { font-weight: 700; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
table.overview td:first-child { white-space: normal; }
thead th { vertical-align: bottom; border-bottom: 2px solid var(--ink); white-space: normal; }
tfoot td { font-weight: 700; border-top: 2px solid var(--ink); }
tr.small td { color: var(--muted); }
td.flagcell { color: var(--flag); text-align: center; }
th button { all: unset; cursor: pointer; }
th button:focus-visible { outline: 2px solid var(--bar); }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
.hint { color: var(--muted); font-size: .8rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .hint { display: none; }
  th[aria-sort] button::after { content: ""; }
  h2 { break-after: avoid; }
  section.rule { break-inside: auto; }
  section.rule > header, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)CSS";
}

const char* report_js() noexcept {
  return R"JS(
(function () {
  'use strict';
  var lang = document.documentElement.lang || 'da';
  function key(cell) {
    var v = cell.getAttribute('data-v');
    return v === null ? cell.textContent : v;
  }
  function sortBy(table, th, col) {
    var numeric = th.getAttribute('data-type') === 'num';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    var heads = table.tHead.rows[0].cells;
    for (var h = 0; h < heads.length; h++) heads[h].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col]), y = key(b.cells[col]);
      var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, lang);
      if (c !== 0 && !isNaN(c)) return dir * c;
      return parseInt(a.getAttribute('data-i'), 10) - parseInt(b.getAttribute('data-i'), 10);
    });
    for (var r = 0; r < rows.length; r++) body.appendChild(rows[r]);
  }
  var tables = document.querySelectorAll('table.sortable');
  for (var t = 0; t < tables.length; t++) {
    (function (table) {
      if (!table.tHead || !table.tBodies.length) return;
      var heads = table.tHead.rows[0].cells;
      for (var c = 0; c < heads.length; c++) {
        (function (th, col) {
          var button = th.querySelector('button');
          if (button) button.addEventListener('click', function () { sortBy(table, th, col); });
        })(heads[c], c);
      }
    })(tables[t]);
  }
})();
)JS";
}

}  // namespace frist::cli
