// What the CSV decoders share, read once when the input is opened: the
// header's column roles and the --case-attrs side table. Immutable after
// loading, so decoder threads read it without locks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/common/result.hpp"
#include "runtime/model/vocabulary.hpp"

namespace frist::io::csv {

constexpr std::uint32_t kNoColumn = 0xFFFFFFFFu;

struct Layout {
  std::uint32_t columns = 0;
  std::uint32_t case_column = kNoColumn;
  std::uint32_t type_column = kNoColumn;
  std::uint32_t at_column = kNoColumn;
  std::uint32_t id_column = kNoColumn;
  struct Named {
    std::uint32_t column;
    std::string name;  // attribute name (without `case.` for case attributes)
  };
  std::vector<Named> event_attributes;
  std::vector<Named> case_attributes;
};

// Builds the layout from the header's cells; errors name the missing or
// repeated column.
Result<Layout> layout_from_header(const std::vector<std::string_view>& header, std::string_view file);

// The --case-attrs file: `case`, then one column per case attribute.
// Memory: the whole file's cells (one row per case) plus an index by id.
class CaseAttributeTable {
 public:
  static Result<CaseAttributeTable> load(const std::string& path);

  const std::string& file() const noexcept { return file_; }
  const std::vector<std::string>& names() const noexcept { return names_; }
  // Row of a case id, or kNoColumn.
  std::uint32_t find(std::string_view case_id) const noexcept;
  std::string_view cell(std::uint32_t row, std::size_t column) const noexcept {
    return cells_[static_cast<std::size_t>(row) * names_.size() + column];
  }
  std::uint64_t line(std::uint32_t row) const noexcept { return lines_[row]; }

 private:
  std::string file_;
  std::vector<std::string> names_;   // attribute columns (the case column excluded)
  std::vector<std::string> cells_;   // row-major, names_.size() per row
  std::vector<std::uint64_t> lines_;
  std::unordered_map<std::string, std::uint32_t, model::NameHash, std::equal_to<>> rows_;
};

}  // namespace frist::io::csv
