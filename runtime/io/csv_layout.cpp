// CSV header roles and the --case-attrs side table (see csv_layout.hpp).
#include "runtime/io/csv_layout.hpp"

#include <fmt/format.h>

#include "runtime/common/utf8.hpp"
#include "runtime/io/byte_stream.hpp"
#include "runtime/io/csv_syntax.hpp"

namespace frist::io::csv {

Result<Layout> layout_from_header(const std::vector<std::string_view>& header, std::string_view file) {
  Layout layout;
  layout.columns = static_cast<std::uint32_t>(header.size());
  std::unordered_map<std::string_view, std::uint32_t> seen;
  for (std::uint32_t c = 0; c < header.size(); ++c) {
    const auto name = header[c];
    if (name.empty()) return make_error(fmt::format("{} line 1: column {} of the header has no name", file, c + 1));
    if (!seen.emplace(name, c).second) {
      return make_error(fmt::format("{} line 1: the header names column '{}' twice", file, name));
    }
    if (name == "case") layout.case_column = c;
    else if (name == "type") layout.type_column = c;
    else if (name == "at") layout.at_column = c;
    else if (name == "id") layout.id_column = c;
    else if (name.size() > 5 && name.substr(0, 5) == "case.") layout.case_attributes.push_back({c, std::string(name.substr(5))});
    else layout.event_attributes.push_back({c, std::string(name)});
  }
  for (const auto& [column, role] : {std::pair{layout.case_column, "case"}, std::pair{layout.type_column, "type"},
                                     std::pair{layout.at_column, "at"}}) {
    if (column == kNoColumn) {
      return make_error(fmt::format("{} line 1: the header has no '{}' column (required: case, type, at)", file, role));
    }
  }
  return layout;
}

Result<CaseAttributeTable> CaseAttributeTable::load(const std::string& path) {
  auto stream = ByteStream::open(path);
  if (!stream) return Error{stream.error()};
  std::string text;
  std::vector<char> block(1u << 20);
  for (;;) {
    auto n = (*stream)->read(block.data(), block.size());
    if (!n) return Error{n.error()};
    if (*n == 0) break;
    text.append(block.data(), *n);
  }
  CaseAttributeTable table;
  table.file_ = path;
  std::size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  std::vector<std::string_view> cells;
  std::string scratch;
  std::uint64_t line = 1;
  bool header = true;
  std::uint32_t case_column = kNoColumn;
  while (pos < text.size()) {
    const auto row = find_row(text, pos);
    const auto row_line = line;
    line += row.line_breaks;
    pos = row.next;
    if (row.blank()) continue;
    const std::string_view content(text.data() + row.begin, row.content_end - row.begin);
    if (find_invalid_utf8(content) != std::string_view::npos) {
      return make_error(fmt::format("{} line {}: invalid UTF-8", path, row_line));
    }
    if (const auto e = split_cells(content, cells, scratch); e != CellError::None) {
      return make_error(fmt::format("{} line {}: invalid CSV: {}", path, row_line, describe(e)));
    }
    if (header) {
      header = false;
      for (std::uint32_t c = 0; c < cells.size(); ++c) {
        if (cells[c] == "case") case_column = c;
        else table.names_.emplace_back(cells[c]);
      }
      if (case_column == kNoColumn) return make_error(fmt::format("{} line {}: the header has no 'case' column", path, row_line));
      continue;
    }
    if (cells.size() != table.names_.size() + 1) {
      return make_error(fmt::format("{} line {}: {} fields where the header has {}", path, row_line, cells.size(),
                                    table.names_.size() + 1));
    }
    const auto row_index = static_cast<std::uint32_t>(table.lines_.size());
    const auto [it, inserted] = table.rows_.emplace(std::string(cells[case_column]), row_index);
    if (!inserted) {
      return make_error(fmt::format("{} line {}: a second row for one case (the first is on line {})", path, row_line,
                                    table.lines_[it->second]));
    }
    table.lines_.push_back(row_line);
    for (std::uint32_t c = 0; c < cells.size(); ++c) {
      if (c != case_column) table.cells_.emplace_back(cells[c]);
    }
  }
  if (header) return make_error(fmt::format("{}: no header row", path));
  return table;
}

std::uint32_t CaseAttributeTable::find(std::string_view case_id) const noexcept {
  const auto it = rows_.find(case_id);
  return it == rows_.end() ? kNoColumn : it->second;
}

}  // namespace frist::io::csv
