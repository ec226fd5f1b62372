// RFC 4180 syntax for the CSV reader: where a row ends (a line break outside
// quotes; quoted fields may hold line breaks) and how a row splits into
// cells (quoted fields, doubled quotes). One rule for row ends is used by
// the index pass, the source and the decoder, so they always agree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace frist::io::csv {

struct RowSpan {
  std::size_t begin = 0;        // first byte of the row
  std::size_t content_end = 0;  // end of its cells (before \r\n or \n)
  std::size_t next = 0;         // first byte after its line break
  std::uint32_t line_breaks = 0;  // line breaks inside the row and its terminator
  bool blank() const noexcept { return content_end == begin; }
};

// The row starting at `pos` (pos < text.size()).
RowSpan find_row(std::string_view text, std::size_t pos) noexcept;

enum class CellError : std::uint8_t {
  None,
  UnterminatedQuote,  // a quoted field not closed before the end of the input
  QuoteInUnquoted,    // a quote inside a field that does not start with one
  TextAfterQuote,     // characters between a closing quote and the next comma
};
const char* describe(CellError e) noexcept;

// Splits a row's content into cells. Cells are views into `row` or, for
// quoted fields with doubled quotes, into `scratch`, which is cleared and
// must not be touched while the cells are used. Best effort on errors: the
// cells are still filled, and the first error is returned.
CellError split_cells(std::string_view row, std::vector<std::string_view>& cells, std::string& scratch);

}  // namespace frist::io::csv
