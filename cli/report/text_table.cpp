// Column widths and padding of a TextTable.
#include "cli/report/text_table.hpp"

#include <algorithm>

#include "cli/report/locale.hpp"

namespace frist::cli {

std::string TextTable::render(const std::string& indent) const {
  std::vector<std::size_t> width(align_.size(), 0);
  for (const auto& row : rows_)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
  std::size_t total = 0;
  for (std::size_t w : width) total += w;
  total += width.empty() ? 0 : 2 * (width.size() - 1);
  std::string out;
  for (std::size_t r = 0; r <= rows_.size(); ++r) {
    if (std::find(separators_.begin(), separators_.end(), r) != separators_.end()) {
      out += indent;
      for (std::size_t i = 0; i < total; ++i) out += "─";
      out += '\n';
    }
    if (r == rows_.size()) break;
    std::string line = indent;
    const auto& row = rows_[r];
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) {
      if (c > 0) line += "  ";
      line += align_[c] == Align::Left ? pad_right(row[c], width[c]) : pad_left(row[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace frist::cli
