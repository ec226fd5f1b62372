// RFC 4180 row ends and cell splitting (see csv_syntax.hpp). Written by
// hand: the dependency list has no CSV library, and the reader needs byte
// offsets of rows (to index a file by case) that CSV libraries do not give.
#include "runtime/io/csv_syntax.hpp"

#include <cstring>

namespace frist::io::csv {

RowSpan find_row(std::string_view text, std::size_t pos) noexcept {
  // A quote opens a quoted field only at the start of a field (as in
  // split_cells); elsewhere it is an ordinary byte of a malformed row, which
  // still ends at its line break.
  enum class State : std::uint8_t { FieldStart, Unquoted, Quoted, QuoteInQuoted };
  RowSpan row;
  row.begin = pos;
  State state = State::FieldStart;
  const char* data = text.data();
  const std::size_t size = text.size();
  for (std::size_t i = pos; i < size; ++i) {
    const char c = data[i];
    switch (state) {
      case State::FieldStart:
      case State::Unquoted:
      case State::QuoteInQuoted:
        if (c == '\n') {
          row.content_end = i > pos && data[i - 1] == '\r' ? i - 1 : i;
          row.next = i + 1;
          ++row.line_breaks;
          return row;
        }
        if (c == ',') state = State::FieldStart;
        else if (c == '"') state = state == State::FieldStart || state == State::QuoteInQuoted ? State::Quoted : State::Unquoted;
        else state = State::Unquoted;
        break;
      case State::Quoted: {
        // Jump to the next quote, counting the line breaks inside the field.
        const char* q = static_cast<const char*>(std::memchr(data + i, '"', size - i));
        const std::size_t stop = q ? static_cast<std::size_t>(q - data) : size;
        for (std::size_t k = i; k < stop; ++k) row.line_breaks += data[k] == '\n';
        i = stop;
        state = State::QuoteInQuoted;
        break;
      }
    }
  }
  row.content_end = size;
  row.next = size;
  return row;
}

const char* describe(CellError e) noexcept {
  switch (e) {
    case CellError::None: return "no error";
    case CellError::UnterminatedQuote: return "a quoted field is not closed";
    case CellError::QuoteInUnquoted: return "a quote inside a field that is not quoted";
    case CellError::TextAfterQuote: return "text after the closing quote of a field";
  }
  return "?";
}

CellError split_cells(std::string_view row, std::vector<std::string_view>& cells, std::string& scratch) {
  cells.clear();
  scratch.clear();
  scratch.reserve(row.size());  // never reallocates below: views into it stay valid
  CellError error = CellError::None;
  auto note = [&error](CellError e) {
    if (error == CellError::None) error = e;
  };
  std::size_t i = 0;
  for (;;) {
    if (i < row.size() && row[i] == '"') {
      ++i;
      const std::size_t begin = i;
      bool doubled = false;
      std::size_t end = row.size();
      bool closed = false;
      while (i < row.size()) {
        if (row[i] == '"') {
          if (i + 1 < row.size() && row[i + 1] == '"') {
            doubled = true;
            i += 2;
            continue;
          }
          end = i;
          closed = true;
          ++i;
          break;
        }
        ++i;
      }
      if (!closed) note(CellError::UnterminatedQuote);
      std::string_view cell = row.substr(begin, end - begin);
      if (doubled) {
        const std::size_t at = scratch.size();
        for (std::size_t k = 0; k < cell.size(); ++k) {
          scratch.push_back(cell[k]);
          if (cell[k] == '"') ++k;  // the second quote of a pair
        }
        cell = std::string_view(scratch).substr(at);
      }
      if (i < row.size() && row[i] != ',') {
        note(CellError::TextAfterQuote);
        while (i < row.size() && row[i] != ',') ++i;
      }
      cells.push_back(cell);
    } else {
      const std::size_t begin = i;
      while (i < row.size() && row[i] != ',') {
        if (row[i] == '"') note(CellError::QuoteInUnquoted);
        ++i;
      }
      cells.push_back(row.substr(begin, i - begin));
    }
    if (i >= row.size()) break;
    ++i;  // the comma
  }
  return error;
}

}  // namespace frist::io::csv
