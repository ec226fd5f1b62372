#!/bin/sh
# Checks every example of a tutorial (docs/tutorial-*.md), in order, so the
# docs cannot rot:
#   - a ```frist block is written to a scratch folder (as the file named by
#     `fil=NAME` / `file=NAME` after the fence, else example_N.frist) and must
#     pass `frist check` and `frist fmt --check` (examples are in the
#     canonical layout); one that holds a `test` must pass `frist test`;
#   - every command line of a ```sh block runs in that folder (where
#     samples/ is the repository's samples/ and `frist` the binary under
#     test, with rulesets/ and stdlib/ beside it) and must succeed.
# Usage (from the repository root): check_examples.sh FRIST-BINARY DOC.md
set -eu
frist_bin=$1
doc=$2
root=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/frist-tutorial.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
for d in samples rulesets stdlib; do ln -s "$root/$d" "$work/$d"; done
printf '#!/bin/sh\nexec "%s" "$@"\n' "$frist_bin" > "$work/bin/frist"
chmod +x "$work/bin/frist"

# Split the document into numbered pieces: NNN.frist.NAME or NNN.sh.
awk -v dir="$work/blocks" '
  BEGIN { system("mkdir -p \"" dir "\""); n = 0; kind = "" }
  /^```/ {
    if (kind != "") { close(out); kind = ""; next }
    info = substr($0, 4)
    if (info ~ /^frist/) {
      n++
      name = sprintf("example_%d.frist", n)
      if (match(info, /(fil|file)=[^ ]+/)) { name = substr(info, RSTART, RLENGTH); sub(/^[a-z]+=/, "", name) }
      kind = "frist"; out = sprintf("%s/%03d.frist.%s", dir, n, name); printf "" > out; next
    }
    if (info ~ /^sh/) { n++; kind = "sh"; out = sprintf("%s/%03d.sh", dir, n); printf "" > out; next }
    kind = "other"; next
  }
  kind == "frist" || kind == "sh" { print > out }
' "$doc"

failures=0
checked=0
fail() { echo "FAIL $doc: $1"; failures=$((failures + 1)); }
for block in $(ls "$work/blocks" | sort); do
  path="$work/blocks/$block"
  case "$block" in
    *.frist.*)
      name=${block#*.frist.}
      cp "$path" "$work/$name"
      checked=$((checked + 1))
      (cd "$work" && PATH="$work/bin:$PATH" frist check "$name" >/dev/null 2>"$work/err") || { fail "$name does not pass frist check"; cat "$work/err"; }
      (cd "$work" && PATH="$work/bin:$PATH" frist fmt --check "$name" >"$work/out" 2>&1) || { fail "$name is not in the canonical layout (frist fmt)"; cat "$work/out"; }
      if grep -q '^test ' "$path"; then
        (cd "$work" && PATH="$work/bin:$PATH" frist test "$name" >"$work/out" 2>&1) || { fail "the tests of $name fail"; cat "$work/out"; }
      fi
      ;;
    *.sh)
      while IFS= read -r line; do
        case "$line" in ''|'#'*) continue ;; esac
        checked=$((checked + 1))
        (cd "$work" && PATH="$work/bin:$PATH" sh -c "$line" >"$work/out" 2>&1) || { fail "command failed: $line"; tail -20 "$work/out"; }
      done < "$path"
      ;;
  esac
done
echo "$doc: $checked examples and commands checked, $failures failed"
[ "$checked" -gt 0 ] || { echo "FAIL $doc: no examples found"; exit 1; }
[ "$failures" -eq 0 ]
