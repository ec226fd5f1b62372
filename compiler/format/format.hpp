// The formatter behind `frist fmt` (spec/language.md items 11–12): one
// canonical layout for Frist source, comments and doc strings kept where
// they belong, optionally with the keywords rewritten into the other
// keyword set. Formatting is idempotent and never changes meaning; as a
// safety net every result is parsed again and compared token by token with
// the input (modulo the layout, the keyword language and the fixed clause
// order) before it is handed out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/format/printer.hpp"
#include "grammar/keywords.hpp"

namespace frist::compiler::format {

// Lines longer than this are broken where the layout allows it.
constexpr std::size_t kDefaultWidth = 100;

struct FormatOptions {
  std::optional<grammar::Lang> to;  // rewrite the keywords into this set
  std::size_t width = kDefaultWidth;
};

struct FormatResult {
  bool parsed = false;                 // false: invalid UTF-8 or syntax errors; nothing else is set
  grammar::Lang lang = grammar::Lang::En;  // the input's keyword language
  std::string text;                    // the formatted file (when `problems` is empty)
  std::vector<FormatProblem> problems; // why the file cannot be formatted as asked
};

FormatResult format_source(std::string_view source, const FormatOptions& options = {});

// True when two parses mean the same program token for token: same
// declarations, clauses (in the fixed order), names, literals and keywords
// (by meaning, whatever the keyword language; a duration unit by its
// singular/plural family), and the same comments.
bool same_program(std::string_view a_source, const grammar::ParseOutput& a, std::string_view b_source,
                  const grammar::ParseOutput& b);

}  // namespace frist::compiler::format
