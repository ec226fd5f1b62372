# Flattens an XES event log into one record per attribute:
#   case  position  key  value
# position 0 is a trace attribute, 1, 2, … the trace's events in file order.
# Fields are separated by ASCII unit separators (\037) and records by record
# separators (\036), so sqlite3 reads them with `.mode ascii` whatever the
# values contain. Written for the process-mining check (sepsis_check.sh), so
# its expected figures come from the raw XML, not from Frist's XES reader.
# Plain POSIX awk (mawk works): one attribute element per line, as OpenXES
# writes them; nested attributes inside events are not expected.
function attr(line, name,    s, i) {
  s = line
  i = index(s, " " name "=\"")
  if (i == 0) return ""
  s = substr(s, i + length(name) + 3)
  i = index(s, "\"")
  return substr(s, 1, i - 1)
}
function unescape(s) {
  gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s)
  gsub(/&apos;/, "'", s); gsub(/&amp;/, "\\&", s)
  return s
}
function flush(    i) {
  for (i = 1; i <= n; i++) printf "%s\037%s\037%s\037%s\036", case_id, pos[i], key[i], val[i]
  n = 0
}
/<trace[ >]/ { in_trace = 1; in_event = 0; events = 0; case_id = ""; n = 0; next }
/<\/trace>/  { flush(); in_trace = 0; next }
!in_trace    { next }
/<event[ >]/ { in_event = 1; events++; next }
/<\/event>/  { in_event = 0; next }
/ key="/ {
  k = unescape(attr($0, "key")); v = unescape(attr($0, "value"))
  p = in_event ? events : 0
  if (p == 0 && k == "concept:name") case_id = v
  n++; pos[n] = p; key[n] = k; val[n] = v
}
