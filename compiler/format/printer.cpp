// Parse tree → layout items in the canonical layout:
//   - declarations start at column 0; their clauses (header clauses, rule
//     clauses, attributes, holidays, test parts) one per line, indented 2;
//     test events indented 4;
//   - one space between tokens, none inside parentheses, before `,` `:` `)`,
//     around `.`, after a unary minus, or between a function and its `(`;
//   - a long condition breaks before `og`/`eller` (`and`/`or`), a long
//     exemption or undetermined clause before `fordi` (`because`), a long
//     parameter or argument list after a comma; continuation lines are
//     indented 4 more than the line they continue;
//   - header and rule metadata clauses in the fixed order of clause_order.hpp;
//   - blank lines between declarations kept (at most one), other blank lines
//     dropped except before a comment on its own line;
//   - keywords spelled in the output language; a duration's unit singular
//     for 1 and plural otherwise (`1 år` → `1 year`, `2 år` → `2 years`).
// Punctuation is not in the parse tree: it is read from the source in the
// gaps between a node's children, so every token of the input is printed.
#include "compiler/format/printer.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>

#include "compiler/format/clause_order.hpp"
#include "compiler/format/comments.hpp"
#include "compiler/format/layout.hpp"
#include "runtime/common/utf8.hpp"

namespace frist::compiler::format {
namespace {

using grammar::Kw;
using grammar::Lang;
using grammar::NodeKind;
using grammar::PNode;

constexpr std::uint32_t kBodyIndent = 2;
constexpr std::uint32_t kContinuationIndent = 4;

struct UnitPair {
  Kw one;
  Kw many;
};
constexpr UnitPair kUnits[] = {
    {Kw::UnitYear, Kw::UnitYears},   {Kw::UnitMonth, Kw::UnitMonths},     {Kw::UnitWeek, Kw::UnitWeeks},
    {Kw::UnitDay, Kw::UnitDays},     {Kw::UnitWorkday, Kw::UnitWorkdays}, {Kw::UnitHour, Kw::UnitHours},
    {Kw::UnitMinute, Kw::UnitMinutes}, {Kw::UnitSecond, Kw::UnitSeconds},
};

// The unit keyword that agrees in number with the amount.
Kw unit_by_number(Kw written, bool singular) {
  for (const UnitPair& u : kUnits)
    if (u.one == written || u.many == written) return singular ? u.one : u.many;
  return written;
}

// The keyword a token stands for: Keyword nodes, and the rules that are a
// keyword themselves (`sand`, `ingen`, `sag`, postfix `findes`, …).
std::optional<Kw> keyword_of(const PNode& n) {
  switch (n.kind) {
    case NodeKind::Keyword: return n.kw;
    case NodeKind::TrueLit: return Kw::True;
    case NodeKind::FalseLit: return Kw::False;
    case NodeKind::NoneLit: return Kw::None;
    case NodeKind::CaseRef: return Kw::Case;
    case NodeKind::AsOfRef: return Kw::AsOfValue;
    case NodeKind::PresentTest: return Kw::Present;
    case NodeKind::MissingTest: return Kw::Missing;
    default: return std::nullopt;
  }
}

// Tokens that must not be a reserved word of the file's language.
bool is_identifier(NodeKind k) {
  return k == NodeKind::Name || k == NodeKind::Binder || k == NodeKind::NameRef || k == NodeKind::BadUnit;
}

// Nodes whose `(` follows a name without a space: `f(x)`, `dato(x)`,
// `funktion f(…)`, `kalender k(år)`, `anvend s(…)`.
bool call_like(NodeKind k) {
  return k == NodeKind::Call || k == NodeKind::BuiltinCall || k == NodeKind::FunctionDecl ||
         k == NodeKind::TemplateDecl || k == NodeKind::CalendarDecl || k == NodeKind::ApplyClause;
}

const PNode* first_leaf(const PNode& n) {
  const PNode* p = &n;
  while (!p->children.empty()) p = p->children.front().get();
  return p;
}

bool is_keyword(const PNode& n, Kw k) { return n.kind == NodeKind::Keyword && n.kw == k; }

class Printer {
 public:
  Printer(std::string_view source, const CommentMap& comments, Lang from, Lang to)
      : src_(source), comments_(comments), from_(from), to_(to) {}

  void file(const grammar::ParseOutput& parsed, bool add_language_line) {
    bool first = true;
    bool synthesized = false;
    if (parsed.lang_line) {
      leaf(*parsed.lang_line, std::nullopt, true);
      first = false;
    } else if (add_language_line) {
      layout_.text(language_line());
      need_space_ = true;
      first = false;
      synthesized = true;
    }
    for (const auto& item : parsed.items) {
      const PNode* lead = first_leaf(*item);
      if (!first) {
        newline();
        if (synthesized || (comments_.before(lead).empty() && comments_.blank_line_before(lead->begin))) blank();
      }
      first = false;
      synthesized = false;
      item_lead_ = lead;
      declaration(*item);
    }
    flush_trailing();
    for (const Comment& c : comments_.at_end()) layout_.own_line_comment(comments_.text(c), c.blank_before);
  }

  Printed finish(std::size_t width) { return Printed{render(layout_, width), std::move(problems_)}; }

 private:
  std::string language_line() const { return to_ == Lang::Da ? "sprog da" : "language en"; }

  // --- tokens ---------------------------------------------------------------

  void flush_trailing() {
    for (const Comment& c : pending_trailing_) layout_.trailing_comment(comments_.text(c));
    pending_trailing_.clear();
  }

  void leaf(const PNode& n, std::optional<Kw> spelled_as = std::nullopt, bool item_start = false) {
    item_start = item_start || &n == item_lead_;
    flush_trailing();
    const std::vector<Comment>& before = comments_.before(&n);
    for (const Comment& c : before) {
      layout_.own_line_comment(comments_.text(c), c.blank_before);
      need_space_ = false;
    }
    if (item_start && !before.empty() && comments_.blank_line_before(n.begin)) layout_.blank_line();
    if (need_space_) layout_.space();
    layout_.text(word(n, spelled_as));
    need_space_ = true;
    for (const Comment& c : comments_.after(&n)) pending_trailing_.push_back(c);
  }

  std::string word(const PNode& n, std::optional<Kw> spelled_as) {
    if (n.kind == NodeKind::LangLine) return language_line();
    if (!spelled_as) spelled_as = keyword_of(n);
    if (spelled_as) return std::string(grammar::spelling(*spelled_as, to_));
    const std::string_view t = n.text(src_);
    if (from_ != to_ && is_identifier(n.kind) && grammar::is_reserved(t, to_)) {
      const bool da = from_ == Lang::Da;
      problems_.push_back(FormatProblem{
          n.begin, n.end,
          da ? fmt::format("'{}' er et reserveret ord på engelsk og kan ikke være et navn i en engelsk fil; omdøb det før oversættelsen", t)
             : fmt::format("'{}' is a reserved word in Danish and cannot be a name in a Danish file; rename it before translating", t)});
    }
    return std::string(t);
  }

  void punct(std::string_view p, NodeKind parent) {
    const bool glue_left = p == ")" || p == "," || p == ":" || p == "." || (p == "(" && call_like(parent));
    const bool unary_minus = p == "-" && parent == NodeKind::Negate;
    const bool glue_right = p == "(" || p == "." || unary_minus;
    if (unary_minus) flush_trailing();  // `-5` admits no comment between the two
    if (need_space_ && !glue_left) layout_.space();
    layout_.text(p);
    need_space_ = !glue_right;
  }

  // The punctuation in the source between two children of `parent`.
  void gap(const PNode& parent, std::uint32_t from, std::uint32_t to, bool comma_breaks = false) {
    std::uint32_t i = from;
    while (i < to) {
      const char c = src_[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        ++i;
      } else if (c == '#') {
        while (i < to && src_[i] != '\n') ++i;
      } else if (c == '=' && i + 1 < to && src_[i + 1] == '>') {
        punct("=>", parent.kind);
        i += 2;
      } else {
        const std::size_t len = std::max<std::size_t>(1, utf8_sequence_length(src_, i));
        punct(src_.substr(i, len), parent.kind);
        if (comma_breaks && c == ',') brk();
        i += static_cast<std::uint32_t>(len);
      }
    }
  }

  void brk() {
    flush_trailing();
    layout_.line_break();
    need_space_ = false;
  }

  void newline() {
    flush_trailing();
    layout_.newline();
    need_space_ = false;
  }

  void blank() {
    flush_trailing();
    layout_.blank_line();
    need_space_ = false;
  }

  // --- expressions and other inline constructs -------------------------------

  void inline_node(const PNode& n) {
    if (n.children.empty()) {
      leaf(n);
      return;
    }
    switch (n.kind) {
      case NodeKind::DurationLit: duration(n); return;
      case NodeKind::OrExpr:
      case NodeKind::AndExpr: logic(n, kContinuationIndent); return;
      case NodeKind::IfExpr: conditional(n, true); return;
      case NodeKind::UndeterminedClause:
      case NodeKind::ExemptClause: reason_clause(n); return;
      case NodeKind::ApplyClause:
        layout_.begin(kContinuationIndent);
        children(n, true);
        layout_.end();
        return;
      default: children(n); return;
    }
  }

  void children(const PNode& n, bool comma_breaks = false) {
    std::uint32_t pos = n.begin;
    for (const auto& c : n.children) {
      gap(n, pos, c->begin, comma_breaks);
      inline_node(*c);
      pos = c->end;
    }
    gap(n, pos, n.end, comma_breaks);
  }

  // `4 måneder`: the unit agrees with the amount.
  void duration(const PNode& n) {
    if (n.children.size() != 2 || n.children[1]->kind != NodeKind::Keyword) {
      children(n);
      return;
    }
    const PNode& amount = *n.children[0];
    const std::string_view digits = amount.text(src_);
    long long value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    const bool singular = ec == std::errc() && ptr == digits.data() + digits.size() && value == 1;
    gap(n, n.begin, amount.begin);
    leaf(amount);
    gap(n, amount.end, n.children[1]->begin);
    leaf(*n.children[1], unit_by_number(n.children[1]->kw, singular));
  }

  // `A og B og C`: may break before each `og`, continuation indented.
  void logic(const PNode& n, std::uint32_t indent) {
    layout_.begin(indent);
    std::uint32_t pos = n.begin;
    for (const auto& c : n.children) {
      gap(n, pos, c->begin);
      if (is_keyword(*c, Kw::And) || is_keyword(*c, Kw::Or)) brk();
      inline_node(*c);
      pos = c->end;
    }
    gap(n, pos, n.end);
    layout_.end();
  }

  // `hvis A så B ellers C`: may break before `ellers`; an `ellers hvis …`
  // chain continues in the same group, so its `ellers` line up.
  void conditional(const PNode& n, bool own_group) {
    if (own_group) layout_.begin(kContinuationIndent);
    std::uint32_t pos = n.begin;
    bool after_else = false;
    for (const auto& c : n.children) {
      gap(n, pos, c->begin);
      if (is_keyword(*c, Kw::Else)) brk();
      if (after_else && c->kind == NodeKind::IfExpr) conditional(*c, false);
      else inline_node(*c);
      after_else = is_keyword(*c, Kw::Else);
      pos = c->end;
    }
    gap(n, pos, n.end);
    if (own_group) layout_.end();
  }

  // `ubestemt når C fordi "…"` / `undtaget når C fordi "…"`: may break before
  // `fordi`; the condition's own breaks share its indentation.
  void reason_clause(const PNode& n) {
    layout_.begin(kContinuationIndent);
    std::uint32_t pos = n.begin;
    for (const auto& c : n.children) {
      gap(n, pos, c->begin);
      if (is_keyword(*c, Kw::Because)) brk();
      if (c->kind == NodeKind::OrExpr || c->kind == NodeKind::AndExpr) logic(*c, 0);
      else inline_node(*c);
      pos = c->end;
    }
    gap(n, pos, n.end);
    layout_.end();
  }

  // --- declarations ---------------------------------------------------------

  using Unit = std::vector<const PNode*>;

  // Where the source's next sibling of `c` begins (the end of `parent` after
  // the last child): the punctuation after `c` lies before it.
  static std::uint32_t next_begin(const PNode& parent, const PNode* c) {
    for (std::size_t i = 0; i < parent.children.size(); ++i) {
      if (parent.children[i].get() != c) continue;
      return i + 1 < parent.children.size() ? parent.children[i + 1]->begin : parent.end;
    }
    return c->end;
  }

  // A header line: the given children of `decl`, each followed by the
  // punctuation after it. A parameter list may break after its commas; a
  // title or doc string does not count when deciding those breaks.
  void header(const PNode& decl, const Unit& nodes) {
    std::size_t first_param = nodes.size(), last_param = nodes.size();
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i]->kind != NodeKind::Param) continue;
      if (first_param == nodes.size()) first_param = i;
      last_param = i;
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const PNode* c = nodes[i];
      const bool in_params = i >= first_param && i <= last_param;
      if (i == first_param) layout_.begin(kContinuationIndent);
      if (c->kind == NodeKind::String) layout_.fits_stop();
      inline_node(*c);
      gap(decl, c->end, next_begin(decl, c), in_params);
      if (i == last_param) layout_.end();
    }
  }

  // One line of a body: its nodes, each followed by the punctuation after it.
  void unit_line(const PNode& parent, const Unit& unit) {
    for (const PNode* c : unit) {
      if (c->kind == NodeKind::TestCase) test_case(*c);
      else inline_node(*c);
      gap(parent, c->end, next_begin(parent, c));
    }
  }

  void body(const PNode& parent, const std::vector<Unit>& units, bool compact = false) {
    if (units.empty()) return;
    layout_.begin(kBodyIndent);
    for (const Unit& u : units) {
      if (compact) brk();
      else newline();
      unit_line(parent, u);
    }
    layout_.end();
  }

  void declaration(const PNode& d) {
    switch (d.kind) {
      case NodeKind::RulesetDecl: ruleset(d); return;
      case NodeKind::RuleDecl:
      case NodeKind::ReplaceRuleDecl:
      case NodeKind::TemplateDecl: rule(d); return;
      case NodeKind::EventDecl: header_and_lines(d, NodeKind::AttrDecl); return;
      case NodeKind::CalendarDecl: header_and_lines(d, NodeKind::HolidayDecl); return;
      case NodeKind::FunctionDecl: function(d); return;
      case NodeKind::TestDecl: test(d); return;
      default: inline_node(d); return;
    }
  }

  void ruleset(const PNode& d) {
    const std::vector<const PNode*> kids = canonical_children(d);
    Unit head;
    std::vector<Unit> lines;
    for (const PNode* c : kids) {
      const bool clause = c->kind == NodeKind::VersionClause || c->kind == NodeKind::SourceClause ||
                          c->kind == NodeKind::EffectiveClause || c->kind == NodeKind::CaseDateClause ||
                          c->kind == NodeKind::CalendarRef;
      if (clause) lines.push_back({c});
      else head.push_back(c);
    }
    header(d, head);
    body(d, lines);
  }

  void rule(const PNode& d) {
    const std::vector<const PNode*> kids = canonical_children(d);
    const std::size_t n_head = first_clause_index(d);
    header(d, Unit(kids.begin(), kids.begin() + static_cast<std::ptrdiff_t>(n_head)));
    std::vector<Unit> lines;
    for (std::size_t i = n_head; i < kids.size(); ++i) {
      if (is_keyword(*kids[i], Kw::ForEach) && i + 1 < kids.size()) {
        lines.push_back({kids[i], kids[i + 1]});
        ++i;
      } else {
        lines.push_back({kids[i]});
      }
    }
    body(d, lines);
  }

  void header_and_lines(const PNode& d, NodeKind line_kind) {
    std::size_t n_head = 0;
    while (n_head < d.children.size() && d.children[n_head]->kind != line_kind) ++n_head;
    Unit head;
    for (std::size_t i = 0; i < n_head; ++i) head.push_back(d.children[i].get());
    header(d, head);
    std::vector<Unit> lines;
    for (std::size_t i = n_head; i < d.children.size(); ++i) lines.push_back({d.children[i].get()});
    body(d, lines);
  }

  void function(const PNode& d) {
    const PNode* block = nullptr;  // `lad … resultat …`
    for (const auto& c : d.children) {
      if (c->kind != NodeKind::FunctionBody) continue;
      for (const auto& b : c->children)
        if (b->kind == NodeKind::LetClause || is_keyword(*b, Kw::Result)) block = c.get();
    }
    Unit head;
    for (const auto& c : d.children) {
      if (c.get() == block) break;
      head.push_back(c.get());
    }
    header(d, head);
    if (block == nullptr) return;
    std::vector<Unit> lines;
    for (std::size_t i = 0; i < block->children.size(); ++i) {
      const PNode* b = block->children[i].get();
      if (is_keyword(*b, Kw::Result) && i + 1 < block->children.size()) {
        lines.push_back({b, block->children[i + 1].get()});
        ++i;
      } else {
        lines.push_back({b});
      }
    }
    body(*block, lines);
  }

  void test(const PNode& d) {
    std::size_t n_head = 0;
    bool has_for = false;
    while (n_head < d.children.size()) {
      const PNode& c = *d.children[n_head];
      if (!(is_keyword(c, Kw::Test) || c.kind == NodeKind::String || c.kind == NodeKind::TestFor)) break;
      has_for = has_for || c.kind == NodeKind::TestFor;
      ++n_head;
    }
    Unit head;
    for (std::size_t i = 0; i < n_head; ++i) head.push_back(d.children[i].get());
    header(d, head);
    std::vector<Unit> lines;
    for (std::size_t i = n_head; i < d.children.size(); ++i) {
      const PNode* c = d.children[i].get();
      if (is_keyword(*c, Kw::Expect) && i + 1 < d.children.size()) {
        lines.push_back({c, d.children[i + 1].get()});
        ++i;
      } else {
        lines.push_back({c});
      }
    }
    // A test of one expression (`test "…" forvent E`) stays on one line
    // when it fits: tables of such tests read best that way.
    const bool compact = !has_for && lines.size() == 1 && is_keyword(*lines.front().front(), Kw::Expect);
    body(d, lines, compact);
  }

  // `sag attr: v …` and its events, one per line, indented once more.
  void test_case(const PNode& n) {
    bool events = false;
    for (const auto& c : n.children) {
      if (c->kind == NodeKind::TestEvent) {
        if (!events) layout_.begin(kBodyIndent);
        events = true;
        newline();
      }
      inline_node(*c);
      gap(n, c->end, next_begin(n, c.get()));
    }
    if (events) layout_.end();
  }

  std::string_view src_;
  const CommentMap& comments_;
  Lang from_;
  Lang to_;
  Layout layout_;
  std::vector<Comment> pending_trailing_;
  std::vector<FormatProblem> problems_;
  bool need_space_ = false;
  const PNode* item_lead_ = nullptr;  // the first token of the current declaration
};

}  // namespace

Printed print_file(std::string_view source, const grammar::ParseOutput& parsed, Lang to, bool add_language_line,
                   std::size_t width) {
  std::vector<const PNode*> leaves;
  if (parsed.lang_line) collect_leaves(*parsed.lang_line, leaves);
  for (const auto& item : parsed.items) collect_leaves(*item, leaves);
  const CommentMap comments(source, leaves);
  Printer p(source, comments, parsed.lang, to);
  p.file(parsed, add_language_line);
  return p.finish(width);
}

}  // namespace frist::compiler::format
