// Writing CSV text (RFC 4180): one field, quoted only when it has to be.
// Shared by every CSV writer (verdict records, reports).
#pragma once

#include <string>
#include <string_view>

namespace frist {

// Appends `text` as one field: as is, or in double quotes with inner quotes
// doubled when it contains a comma, a quote or a line break.
void append_csv_field(std::string& out, std::string_view text);

}  // namespace frist
