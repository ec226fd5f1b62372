// The hand-written token matchers behind the grammar's run-time keyword and
// name rules: which characters make up an identifier, and whether a keyword
// phrase matches at a position with a word boundary after it (so `regel`
// never matches inside `regelsæt` or `regelæ`).
#include <cstdint>
#include <string_view>

#include "grammar/grammar.hpp"

namespace frist::grammar::peg {
namespace {

// Decodes one UTF-8 sequence; returns its length (0 if invalid) and the code point.
std::size_t decode(const char* p, const char* end, char32_t& cp) noexcept {
  const auto c = static_cast<unsigned char>(*p);
  std::size_t len = 0;
  if (c < 0x80) { cp = c; return 1; }
  if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (end - p < static_cast<std::ptrdiff_t>(len)) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(p[k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  return len;
}

// Letters beyond ASCII that may appear in identifiers: Latin-1 letters and
// Latin Extended (æ ø å é ü …), Greek, Cyrillic and the later alphabetic
// blocks. Punctuation such as § – “ and the no-break space are excluded.
bool is_identifier_letter(char32_t cp) noexcept {
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  if (cp >= 0x370 && cp <= 0x1FFF) return true;
  if (cp >= 0x2C00 && cp <= 0xD7FF) return true;
  if (cp >= 0xF900 && cp <= 0xFDCF) return true;
  if (cp >= 0xFE70 && cp <= 0xFEFF) return cp != 0xFEFF;
  if (cp >= 0x10000 && cp <= 0x10FFFF) return true;
  return false;
}

}  // namespace

std::size_t identifier_char_length(const char* p, const char* end, bool first) noexcept {
  if (p >= end) return 0;
  const auto c = static_cast<unsigned char>(*p);
  if (c < 0x80) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    return (letter || (!first && digit)) ? 1 : 0;
  }
  char32_t cp = 0;
  const std::size_t len = decode(p, end, cp);
  return (len != 0 && is_identifier_letter(cp)) ? len : 0;
}

std::size_t identifier_length(const char* p, const char* end) noexcept {
  std::size_t n = identifier_char_length(p, end, true);
  if (n == 0) return 0;
  while (const std::size_t k = identifier_char_length(p + n, end, false)) n += k;
  return n;
}

std::size_t phrase_length(std::string_view phrase, const char* p, const char* end) noexcept {
  const char* q = p;
  std::size_t i = 0;
  while (i < phrase.size()) {
    const std::size_t space = phrase.find(' ', i);
    const std::string_view word = phrase.substr(i, space == std::string_view::npos ? std::string_view::npos : space - i);
    if (static_cast<std::size_t>(end - q) < word.size() || std::string_view(q, word.size()) != word) return 0;
    q += word.size();
    // A word that ends in an identifier character must not continue as one.
    if (identifier_char_length(word.data() + word.size() - 1, word.data() + word.size(), false) != 0 ||
        static_cast<unsigned char>(word.back()) >= 0x80) {
      if (identifier_char_length(q, end, false) != 0) return 0;
    }
    if (space == std::string_view::npos) break;
    // Between the words of a phrase: at least one blank or line break.
    const char* ws = q;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')) ++q;
    if (q == ws) return 0;
    i = space + 1;
  }
  return static_cast<std::size_t>(q - p);
}

}  // namespace frist::grammar::peg
