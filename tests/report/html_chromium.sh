#!/bin/sh
# Opens the HTML report in headless Chromium and checks what a reader sees:
# the page renders (a screenshot is taken), the rendered DOM holds every
# rule's title and its "overholdt i X ud af N sager" figure (taken from the
# text report of the same run), one SVG chart per rule, the interval and the
# small-N flag; the sort script works (a test script appended to a copy
# presses a column heading and checks the order); and the browser logged no
# console message or uncaught error. The page must need no network: it may
# not reference any external script, stylesheet, font or image.
#
# Usage: tests/report/html_chromium.sh FRIST_BINARY SOURCE_ROOT [SCREENSHOT.png]
# Exit 77 (ctest SKIP_RETURN_CODE) when Chromium is not installed.
set -u
frist="$1"
root="$2"
keep_screenshot="${3:-}"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "html_chromium: chromium is not installed; skipped"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() {
  echo "html_chromium: FAIL: $*" >&2
  exit 1
}

cd "$root" || fail "no source root $root"
set -- rulesets/serviceloven_ast2023.frist rulesets/barnets_lov.frist --cases ../shared/conformance/cases.jsonl \
  --as-of 2024-12-31 --group-by kommune
"$frist" report "$@" --format html -o "$tmp/report.html" 2>"$tmp/frist.err" || fail "frist report --format html failed: $(cat "$tmp/frist.err")"
"$frist" report "$@" --format text -o "$tmp/report.txt" 2>/dev/null || fail "frist report --format text failed"

# Self-contained: no external resources of any kind.
if grep -Eq '<(link|img|iframe|object|embed)[ >]|<script[^>]* src=|@import|url\(' "$tmp/report.html"; then
  fail "the page references an external resource"
fi
if grep -Eo '(src|href)="[^"]*"' "$tmp/report.html" | grep -v 'href="#' >/dev/null; then
  fail "the page links outside itself"
fi

# A copy with a test script that sorts the first group table by its rate
# column and records whether the rows came out in ascending order.
sed 's#</body>#<script>(function(){var t=document.querySelector("table.groups");var th=t.tHead.rows[0].cells[4];th.querySelector("button").click();var v=[].map.call(t.tBodies[0].rows,function(r){return parseFloat(r.cells[4].getAttribute("data-v"));});var ok=th.getAttribute("aria-sort")==="ascending";for(var i=1;i<v.length;i++)if(v[i]<v[i-1])ok=false;document.body.setAttribute("data-sort-check",ok?"ok":"wrong:"+v.join(","));})();</script></body>#' \
  "$tmp/report.html" >"$tmp/sorted.html"

run_chromium() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$tmp/profile" \
    --enable-logging=stderr --v=1 "$@"
}

run_chromium --dump-dom "file://$tmp/report.html" >"$tmp/dom.html" 2>"$tmp/dom.log" || fail "chromium --dump-dom failed"
run_chromium --dump-dom "file://$tmp/sorted.html" >"$tmp/sorted-dom.html" 2>"$tmp/sorted.log" || fail "chromium --dump-dom (sort test) failed"
run_chromium --window-size=1280,2200 --hide-scrollbars --screenshot="$tmp/report.png" "file://$tmp/report.html" \
  >"$tmp/shot.out" 2>"$tmp/shot.log" || fail "chromium --screenshot failed"

for log in "$tmp/dom.log" "$tmp/sorted.log" "$tmp/shot.log"; do
  if grep -E 'Uncaught|ERROR:CONSOLE|:CONSOLE' "$log" >"$tmp/console.txt"; then
    fail "console output from the page: $(head -5 "$tmp/console.txt")"
  fi
done

# The screenshot is a PNG of some substance.
[ -s "$tmp/report.png" ] || fail "no screenshot"
[ "$(head -c 8 "$tmp/report.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "the screenshot is not a PNG"
[ "$(wc -c <"$tmp/report.png")" -gt 20000 ] || fail "the screenshot is nearly empty"

# The rendered DOM has every rule title and every figure of the text report.
grep -q '<svg class="chart"' "$tmp/dom.html" || fail "no chart in the DOM"
# Rule headings are the lines just above "  Hjemmel: …" in the text report.
awk '/^  Hjemmel: /{print prev} {prev=$0}' "$tmp/report.txt" | sed 's/^[^ ]* — //' >"$tmp/titles.txt"
rules=$(wc -l <"$tmp/titles.txt" | tr -d ' ')
charts=$(grep -o '<svg class="chart"' "$tmp/dom.html" | wc -l | tr -d ' ')
[ "$rules" -gt 0 ] || fail "no rules in the text report"
[ "$charts" -eq "$rules" ] || fail "$charts charts for $rules rules"
while IFS= read -r title; do
  grep -qF "$title" "$tmp/dom.html" || fail "rule title missing from the DOM: $title"
done <"$tmp/titles.txt"
grep -o 'Overholdt i [0-9.]* ud af [0-9.]* sag[er]* ([0-9,]* %)' "$tmp/report.txt" | sort -u >"$tmp/figures.txt"
[ -s "$tmp/figures.txt" ] || fail "no figures in the text report"
while IFS= read -r figure; do
  grep -qF "$figure" "$tmp/dom.html" || fail "figure missing from the DOM: $figure"
done <"$tmp/figures.txt"
for phrase in '95 %-konfidensinterval' 'For få sager til at generalisere' '(ikke verificeret)' 'uden for N' 'I alt'; do
  grep -qF "$phrase" "$tmp/dom.html" || fail "'$phrase' missing from the DOM"
done
grep -q 'data-sort-check="ok"' "$tmp/sorted-dom.html" || fail "sorting: $(grep -o 'data-sort-check="[^"]*"' "$tmp/sorted-dom.html")"

if [ -n "$keep_screenshot" ]; then
  cp "$tmp/report.png" "$keep_screenshot" || fail "cannot write $keep_screenshot"
fi
echo "html_chromium: ok ($charts charts, $(wc -l <"$tmp/figures.txt" | tr -d ' ') figures, screenshot $(wc -c <"$tmp/report.png" | tr -d ' ') bytes)"
