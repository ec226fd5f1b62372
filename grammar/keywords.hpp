// The two keyword sets of the Frist language (Danish and English), generated
// from keywords.def: lookup of a keyword's spelling in either language, the
// reserved words of each language, and recognition of a word that belongs to
// the other language (for the "file mixes keyword languages" diagnostic).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace frist::grammar {

enum class Lang : std::uint8_t { Da, En };

enum class Kw : std::uint16_t {
#define KW(id, da, en) id,
#include "grammar/keywords.def"
#undef KW
  Count_
};

constexpr std::size_t kKeywordCount = static_cast<std::size_t>(Kw::Count_);

// The phrase for `kw` in `lang` ("gælder når" / "applies when").
std::string_view spelling(Kw kw, Lang lang) noexcept;
// The identifier of a keyword, e.g. "AppliesWhen" (for docs and tests).
std::string_view keyword_name(Kw kw) noexcept;

// True when `word` (one word, no spaces) is a reserved word of `lang`: it is
// the first word of any keyword phrase, or a later word of one. Reserved
// words cannot name rules, values or bindings, but may name attributes
// (`a.hjemmel`) and appear quoted anywhere.
bool is_reserved(std::string_view word, Lang lang) noexcept;

// When `word` is reserved in the other language but not in `lang`, the
// keywords it may stand for, so a diagnostic can say "'rule' is English; in
// a Danish file write 'regel'".
std::vector<Kw> keywords_of_other_language(std::string_view word, Lang lang);

const char* lang_code(Lang lang) noexcept;  // "da" / "en"

}  // namespace frist::grammar
