// Writing a semantic diff (and its impact on case data, when computed) as
// terminal text, Markdown for a review, or JSON with stable keys (the shape
// is documented in docs/diff.md). Sentences are in the new file's language.
#pragma once

#include <string>

#include "compiler/diff/diff.hpp"
#include "compiler/diff/impact.hpp"

namespace frist::compiler::diff {

enum class Format : std::uint8_t { Text, Markdown, Json };

// `impact` may be null (no --cases).
std::string render_report(const SemanticDiff& diff, const Impact* impact, Format format);

// --- shared by the writers ---------------------------------------------------

// How many flipped case ids text and Markdown list before "and N more".
constexpr std::size_t kListedFlips = 20;

std::string rule_name(const RuleDiff& r);                      // "id" or "old → new"
std::string status_word(const RuleDiff& r, grammar::Lang lang);  // "ændret", "omdøbt", …
std::string rules_summary(const SemanticDiff& d);              // "1 ændret, 11 uændrede"
// "overholdt i 6 ud af 10 (60,0 %)"; `bare` leaves out "overholdt i".
std::string rate_text(std::uint64_t compliant, std::uint64_t violated, grammar::Lang lang, bool bare = false);
std::string capitalised(const std::string& s);                 // first ASCII letter upper case
// "påvirker: kvittering, sagsdato" / "affects: no rules".
std::string affects_text(const std::vector<std::string>& rules, bool case_date, grammar::Lang lang);
std::string affects_text(const VocabularyChange& c, grammar::Lang lang);
std::string affects_text(const Change& c, grammar::Lang lang);  // a calendar change (names_affects)

std::string render_text(const SemanticDiff& diff, const Impact* impact);
std::string render_markdown(const SemanticDiff& diff, const Impact* impact);
std::string render_json(const SemanticDiff& diff, const Impact* impact);

}  // namespace frist::compiler::diff
