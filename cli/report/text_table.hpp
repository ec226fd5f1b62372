// A plain-text table with aligned columns (widths in code points, so Danish
// letters line up), shared by the text report and `frist explain`.
#pragma once

#include <string>
#include <vector>

namespace frist::cli {

class TextTable {
 public:
  enum class Align { Left, Right };
  explicit TextTable(std::vector<Align> align) : align_(std::move(align)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // A horizontal rule before the next row (e.g. above the total).
  void add_separator() { separators_.push_back(rows_.size()); }
  // Every row prefixed by `indent`, columns two spaces apart, no trailing blanks.
  std::string render(const std::string& indent) const;

 private:
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> separators_;
};

}  // namespace frist::cli
