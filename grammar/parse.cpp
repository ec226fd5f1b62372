// The one translation unit that instantiates PEGTL: runs the grammar item by
// item over a source file, turns PEGTL's parse tree into plain PNodes, and
// recovers after a syntax error at the next line that starts a declaration.
#include "grammar/parse.hpp"

#include <array>

#include "grammar/grammar.hpp"

namespace frist::grammar {
namespace {

namespace pegtl = tao::pegtl;
using peg::ParseState;
using peg::SyntaxErrorException;

template <typename Rule>
constexpr bool is_keyword_rule = false;
template <Kw K>
constexpr bool is_keyword_rule<peg::kw<K>> = true;

struct TreeNode : pegtl::parse_tree::basic_node<TreeNode> {
  NodeKind node_kind = NodeKind::Name;
  Kw keyword = Kw::Count_;

  template <typename Rule, typename ParseInput, typename... States>
  void start(const ParseInput& in, States&&... st) {
    basic_node::template start<Rule>(in, st...);
    node_kind = peg::node_kind_of<Rule>;
    if constexpr (is_keyword_rule<Rule>) keyword = Rule::keyword;
  }
};

template <typename Rule>
struct Selector : std::bool_constant<peg::keeps_node<Rule>> {
  template <typename Node, typename... States>
  static void transform(std::unique_ptr<Node>& n, States&&... /*unused*/) {
    if constexpr (peg::folds_single_child<Rule>) {
      if (n->children.size() == 1) {
        std::unique_ptr<Node> child = std::move(n->children.front());
        n = std::move(child);
      }
    }
  }
};

// Raises a SyntaxError naming what the failed must<> rule expected.
template <typename Rule>
struct ErrorControl : pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... st) {
    static_assert(peg::expect_of<Rule> != Expect::None, "every rule under must<> needs a message in expect.def");
    const ParseState& state = peg::find_state<ParseState>(st...);
    SyntaxError e;
    e.offset = static_cast<std::uint32_t>(in.current() - state.base);
    e.expected = peg::expect_of<Rule>;
    if constexpr (is_keyword_rule<Rule>) e.keyword = Rule::keyword;
    throw SyntaxErrorException{e};
  }
};

using Input = pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*>;

std::unique_ptr<PNode> convert(const TreeNode& n, const char* base) {
  auto p = std::make_unique<PNode>();
  p->kind = n.node_kind;
  p->kw = n.keyword;
  p->begin = static_cast<std::uint32_t>(n.m_begin.data - base);
  p->end = static_cast<std::uint32_t>(n.m_end.data - base);
  p->children.reserve(n.children.size());
  for (const auto& c : n.children) p->children.push_back(convert(*c, base));
  return p;
}

// Top-level keywords a declaration starts with: where recovery resumes.
constexpr std::array kDeclarationKeywords{Kw::Ruleset, Kw::Use,     Kw::Event,   Kw::CaseAttribute,
                                          Kw::Calendar, Kw::Function, Kw::Template, Kw::Replace,
                                          Kw::Remove,  Kw::Rule,    Kw::Test};

const char* skip_blanks(const char* p, const char* end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
  return p;
}

// Where parsing resumes after a syntax error: the first line, from the line
// holding the error on, whose first word begins a declaration and which lies
// after the start of the declaration that failed.
const char* next_declaration(const char* base, const char* item_start, const char* error_at, const char* end,
                             Lang lang) {
  const char* p = error_at;
  while (p > base && p[-1] != '\n') --p;  // start of the error's line
  while (p < end) {
    const char* w = skip_blanks(p, end);
    if (w > item_start) {
      for (Kw k : kDeclarationKeywords) {
        if (peg::phrase_length(spelling(k, lang), w, end) != 0) return w;
      }
    }
    while (p < end && *p != '\n') ++p;
    if (p < end) ++p;
  }
  return end;
}

std::uint32_t word_end(std::string_view text, std::uint32_t offset) {
  const char* p = text.data() + offset;
  const char* end = text.data() + text.size();
  std::size_t n = peg::identifier_length(p, end);
  if (n == 0 && p < end) {
    n = 1;
    while (p + n < end && (static_cast<unsigned char>(p[n]) & 0xC0) == 0x80) ++n;  // whole UTF-8 character
  }
  return offset + static_cast<std::uint32_t>(n);
}

}  // namespace

const PNode* PNode::child(NodeKind k) const noexcept {
  for (const auto& c : children)
    if (c->kind == k) return c.get();
  return nullptr;
}

const PNode* PNode::keyword_child(Kw k) const noexcept {
  for (const auto& c : children)
    if (c->kind == NodeKind::Keyword && c->kw == k) return c.get();
  return nullptr;
}

const char* node_kind_name(NodeKind kind) noexcept {
  static constexpr const char* kNames[] = {
#define NODE(kind) #kind,
#include "grammar/nodes.def"
#undef NODE
  };
  return kNames[static_cast<std::size_t>(kind)];
}

std::string_view expect_message(Expect e, Lang lang) noexcept {
  switch (e) {
    case Expect::None: return lang == Lang::Da ? "noget andet" : "something else";
#define EXPECT(id, da, en) \
  case Expect::id: return lang == Lang::Da ? da : en;
#include "grammar/expect.def"
#undef EXPECT
  }
  return {};
}

LanguageLine detect_language(std::string_view text) noexcept {
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  // Skip blank lines and comment lines.
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    if (i < text.size() && text[i] == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    break;
  }
  const std::string_view rest = text.substr(i);
  for (std::string_view word : {std::string_view("sprog"), std::string_view("language")}) {
    if (rest.substr(0, word.size()) != word) continue;
    std::size_t j = word.size();
    if (j >= rest.size() || (rest[j] != ' ' && rest[j] != '\t')) continue;
    while (j < rest.size() && (rest[j] == ' ' || rest[j] == '\t')) ++j;
    const std::string_view code = rest.substr(j, 2);
    const bool boundary = j + 2 >= rest.size() || peg::identifier_char_length(rest.data() + j + 2, rest.data() + rest.size(), false) == 0;
    if (!boundary) continue;
    if (code == "da") return {Lang::Da, true};
    if (code == "en") return {Lang::En, true};
  }
  return {Lang::En, false};
}

ParseOutput parse_source(std::string_view text) {
  ParseOutput out;
  const LanguageLine language = detect_language(text);
  out.lang = language.lang;
  out.lang_declared = language.declared;

  const char* const base = text.data();
  const char* const end = base + text.size();
  ParseState state{out.lang, 0, base};
  const char* cur = base;

  auto record = [&](SyntaxError e) {
    e.found_end = word_end(text, e.offset);
    out.errors.push_back(e);
    cur = next_declaration(base, cur, base + e.offset, end, out.lang);
  };

  try {
    Input in(cur, end, "");
    auto root = pegtl::parse_tree::parse<peg::file_start, TreeNode, Selector, pegtl::nothing, ErrorControl>(in, state);
    if (root) {
      for (const auto& c : root->children)
        if (c->node_kind == NodeKind::LangLine) out.lang_line = convert(*c, base);
    }
    cur = in.current();
  } catch (const SyntaxErrorException& e) {
    record(e.error);
  }

  while (cur < end) {
    state.depth = 0;
    try {
      Input in(cur, end, "");
      auto root = pegtl::parse_tree::parse<peg::item, TreeNode, Selector, pegtl::nothing, ErrorControl>(in, state);
      if (!root) break;
      for (const auto& c : root->children) out.items.push_back(convert(*c, base));
      if (in.current() == cur) break;  // only trailing separators were left
      cur = in.current();
    } catch (const SyntaxErrorException& e) {
      record(e.error);
    } catch (const pegtl::parse_error& e) {
      SyntaxError err;
      err.offset = e.positions().empty() ? static_cast<std::uint32_t>(cur - base)
                                         : static_cast<std::uint32_t>(cur - base + e.positions().front().byte);
      err.expected = Expect::Declaration;
      record(err);
    }
  }
  return out;
}

std::size_t analyze_grammar_issues() {
  return pegtl::analyze<peg::item>(0) + pegtl::analyze<peg::file_start>(0);
}

}  // namespace frist::grammar
