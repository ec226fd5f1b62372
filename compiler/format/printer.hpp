// The formatter's printer: a parse tree (plus the source text, for comments
// and punctuation) → layout items in the canonical layout, with keywords
// spelled in the chosen keyword language.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/parse.hpp"

namespace frist::compiler::format {

// Something that keeps a file from being formatted as asked (an identifier
// that is a reserved word in the target keyword language), in the file's
// language.
struct FormatProblem {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string message;
};

struct Printed {
  std::string text;
  std::vector<FormatProblem> problems;
};

// `parsed` must come from `source` without syntax errors. `to` is the keyword
// language of the output; `add_language_line` writes `sprog da` /
// `language en` even when the source has none.
Printed print_file(std::string_view source, const grammar::ParseOutput& parsed, grammar::Lang to, bool add_language_line,
                   std::size_t width);

}  // namespace frist::compiler::format
