// Keyword spellings and reserved-word sets, generated from keywords.def.
#include "grammar/keywords.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

namespace frist::grammar {
namespace {

struct Row {
  std::string_view name;
  std::string_view da;
  std::string_view en;
};

constexpr std::array<Row, kKeywordCount> kRows{{
#define KW(id, da, en) Row{#id, da, en},
#include "grammar/keywords.def"
#undef KW
}};

// Splits a phrase into its words.
template <typename F>
void for_each_word(std::string_view phrase, F&& f) {
  std::size_t start = 0;
  while (start <= phrase.size()) {
    const std::size_t space = phrase.find(' ', start);
    const std::size_t end = space == std::string_view::npos ? phrase.size() : space;
    if (end > start) f(phrase.substr(start, end - start));
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
}

struct ReservedSets {
  std::unordered_set<std::string_view> da;
  std::unordered_set<std::string_view> en;
  ReservedSets() {
    for (const Row& r : kRows) {
      for_each_word(r.da, [&](std::string_view w) { da.insert(w); });
      for_each_word(r.en, [&](std::string_view w) { en.insert(w); });
    }
  }
};

const ReservedSets& reserved_sets() {
  static const ReservedSets sets;  // immutable after first use
  return sets;
}

}  // namespace

std::string_view spelling(Kw kw, Lang lang) noexcept {
  const Row& r = kRows[static_cast<std::size_t>(kw)];
  return lang == Lang::Da ? r.da : r.en;
}

std::string_view keyword_name(Kw kw) noexcept { return kRows[static_cast<std::size_t>(kw)].name; }

bool is_reserved(std::string_view word, Lang lang) noexcept {
  const ReservedSets& s = reserved_sets();
  return lang == Lang::Da ? s.da.count(word) != 0 : s.en.count(word) != 0;
}

std::vector<Kw> keywords_of_other_language(std::string_view word, Lang lang) {
  std::vector<Kw> out;
  if (is_reserved(word, lang)) return out;
  const Lang other = lang == Lang::Da ? Lang::En : Lang::Da;
  for (std::size_t i = 0; i < kKeywordCount; ++i) {
    bool hit = false;
    for_each_word(spelling(static_cast<Kw>(i), other), [&](std::string_view w) { hit = hit || w == word; });
    if (hit) out.push_back(static_cast<Kw>(i));
  }
  return out;
}

const char* lang_code(Lang lang) noexcept { return lang == Lang::Da ? "da" : "en"; }

}  // namespace frist::grammar
