// The one entry point into the grammar: parse_source() turns the bytes of a
// `.frist` file into a plain parse tree (PNode) — no PEGTL types leak out, so
// PEGTL is instantiated only in grammar/parse.cpp. The file's keyword
// language is chosen by its first line (`sprog da` / `language en`; English
// when absent). After a syntax error the parser resumes at the next
// declaration, so one run reports several errors.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/keywords.hpp"

namespace frist::grammar {

enum class NodeKind : std::uint16_t {
#define NODE(kind) kind,
#include "grammar/nodes.def"
#undef NODE
};

const char* node_kind_name(NodeKind kind) noexcept;

enum class Expect : std::uint16_t {
  None,
#define EXPECT(id, da, en) id,
#include "grammar/expect.def"
#undef EXPECT
};

std::string_view expect_message(Expect e, Lang lang) noexcept;

struct PNode {
  NodeKind kind = NodeKind::Name;
  Kw kw = Kw::Count_;          // for NodeKind::Keyword
  std::uint32_t begin = 0;     // byte offsets into the source
  std::uint32_t end = 0;
  std::vector<std::unique_ptr<PNode>> children;

  std::string_view text(std::string_view source) const noexcept { return source.substr(begin, end - begin); }
  bool is(NodeKind k) const noexcept { return kind == k; }
  bool is_keyword(Kw k) const noexcept { return kind == NodeKind::Keyword && kw == k; }
  // First child of a kind, or nullptr.
  const PNode* child(NodeKind k) const noexcept;
  const PNode* keyword_child(Kw k) const noexcept;
};

struct SyntaxError {
  std::uint32_t offset = 0;  // where the parser stopped
  Expect expected = Expect::None;
  Kw keyword = Kw::Count_;   // for Expect::Keyword: which keyword
  std::uint32_t found_end = 0;  // end of the word found at `offset` (for the caret span)
};

// Limits that keep a hostile file from exhausting the stack.
constexpr std::uint32_t kMaxExpressionNesting = 200;

struct ParseOutput {
  Lang lang = Lang::En;
  bool lang_declared = false;
  std::unique_ptr<PNode> lang_line;            // null when absent
  std::vector<std::unique_ptr<PNode>> items;   // top-level declarations in order
  std::vector<SyntaxError> errors;
};

// `text` must be valid UTF-8 (the compiler checks first). Never throws.
ParseOutput parse_source(std::string_view text);

// Language of a file from its first non-blank, non-comment line.
struct LanguageLine {
  Lang lang = Lang::En;
  bool declared = false;
};
LanguageLine detect_language(std::string_view text) noexcept;

// True when pegtl::analyze finds no problem in the grammar (tests assert it).
std::size_t analyze_grammar_issues();

}  // namespace frist::grammar
