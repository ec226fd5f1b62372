// Building Change records: the three sentence shapes (changed / added /
// removed) in the reviewer's language, and describing two different
// expressions briefly — whole when short, else the smallest part where they
// differ.
#pragma once

#include <string>
#include <utility>

#include "compiler/diff/canonical.hpp"
#include "compiler/diff/diff.hpp"
#include "compiler/diff/phrases.hpp"

namespace frist::compiler::diff {

Change changed_change(const std::string& kind, const std::string& label, std::string old_text, std::string new_text,
                      grammar::Lang lang);
Change added_change(const std::string& kind, const std::string& label, std::string new_text, grammar::Lang lang);
Change removed_change(const std::string& kind, const std::string& label, std::string old_text, grammar::Lang lang);

// Renderings of two expressions whose keys differ, short enough to read:
// both whole when each fits in a line, else "… part …" around the smallest
// subexpressions that differ. When the words are the same (the difference is
// in something the words do not show), `same_words` is set.
struct PairText {
  std::string old_text, new_text;
  bool same_words = false;
  std::string detail;  // for same_words: the canonical keys that differ
};
PairText describe_pair(const Node& a, const Node& b, grammar::Lang lang);

// A sentence "label: old → new" for two expressions (uses describe_pair).
Change expression_change(const std::string& kind, const std::string& label, const Node& a, const Node& b,
                         grammar::Lang lang);

// A change of plain text (a title, a note, a description): old/new keep
// the whole texts; the sentence shows the part that changed with a few
// words of context when the texts are long.
Change prose_change(const std::string& kind, const std::string& label, const std::string& old_text,
                    const std::string& new_text, grammar::Lang lang);

std::string quote(const std::string& text);  // "…" with \" escapes
std::size_t char_count(const std::string& text);
std::string kw_text(grammar::Kw k, grammar::Lang lang);

}  // namespace frist::compiler::diff
