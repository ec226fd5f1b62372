// Writing JSON text: string escaping and number formatting shared by every
// JSON writer (verdict records, reports, diagnostics). Output is UTF-8 with
// only the escapes JSON requires, so Danish letters stay readable.
#pragma once

#include <string>
#include <string_view>

namespace frist {

// Appends `"…"` with `text` escaped.
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);
// Shortest text that reads back as the same double; "null" for NaN/inf.
void append_json_number(std::string& out, double value);

}  // namespace frist
