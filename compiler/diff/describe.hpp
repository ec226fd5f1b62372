// The domain renderer: canonical nodes back into Frist words for reviewers,
// in Danish or English keywords (the language of the new file). Let names
// are already resolved in the nodes, so what is shown is what the rule
// computes. Two styles:
//   Full  — a complete expression: `første undersøgelse_afsluttet s hvor dato(s) >= dato(første opmærksom)`
//   Short — what a value *is*, for a requirement's subject: `første T`,
//           `seneste af (T1, T2)`, `dato(x)` shown as x, a guard
//           `hvis x mangler så ingen ellers y` shown as y.
// Texts are cut (with "…") at a few hundred characters.
#pragma once

#include <string>

#include "compiler/diff/canonical.hpp"
#include "grammar/keywords.hpp"
#include "runtime/model/value_type.hpp"

namespace frist::compiler::diff {

enum class Style : std::uint8_t { Full, Short };

std::string render(const Node& n, grammar::Lang lang, Style style = Style::Full);
std::string render_duration(const model::Duration& d, grammar::Lang lang);
std::string render_literal(const model::Literal& v, grammar::Lang lang);
std::string type_word(model::ValueType t, grammar::Lang lang);  // "sandhedsværdi" / "bool"
// A name as Frist writes it: bare when it is an identifier, else quoted.
std::string name_text(const std::string& name);
// At most `max_chars` code points, "…" marking a cut.
std::string clip(const std::string& text, std::size_t max_chars);

}  // namespace frist::compiler::diff
