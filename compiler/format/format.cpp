// format_source(): parse, print in the canonical layout, and check that the
// result parses to the same program (see format.hpp).
#include "compiler/format/format.hpp"

#include <algorithm>

#include "compiler/format/clause_order.hpp"
#include "compiler/format/comments.hpp"
#include "runtime/common/utf8.hpp"

namespace frist::compiler::format {
namespace {

using grammar::Kw;
using grammar::NodeKind;
using grammar::PNode;

// A unit keyword's singular: `år`/`years`/`year` all stand for one unit.
Kw unit_family(Kw k) {
  switch (k) {
    case Kw::UnitYears: return Kw::UnitYear;
    case Kw::UnitMonths: return Kw::UnitMonth;
    case Kw::UnitWeeks: return Kw::UnitWeek;
    case Kw::UnitDays: return Kw::UnitDay;
    case Kw::UnitWorkdays: return Kw::UnitWorkday;
    case Kw::UnitHours: return Kw::UnitHour;
    case Kw::UnitMinutes: return Kw::UnitMinute;
    case Kw::UnitSeconds: return Kw::UnitSecond;
    default: return k;
  }
}

// Tokens whose text is the same in both keyword languages.
bool text_matters(NodeKind k) {
  switch (k) {
    case NodeKind::Name:
    case NodeKind::RawName:
    case NodeKind::String:
    case NodeKind::Number:
    case NodeKind::DateLit:
    case NodeKind::DateTimeLit:
    case NodeKind::BadUnit:
    case NodeKind::CmpOp:
    case NodeKind::AddOp:
    case NodeKind::MulOp:
    case NodeKind::Binder:
    case NodeKind::NameRef: return true;
    default: return false;
  }
}

bool same_node(std::string_view sa, const PNode& a, std::string_view sb, const PNode& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == NodeKind::Keyword) return unit_family(a.kw) == unit_family(b.kw);
  if (a.kind == NodeKind::LangLine) return true;
  if (a.children.empty() != b.children.empty()) return false;
  if (a.children.empty()) return !text_matters(a.kind) || a.text(sa) == b.text(sb);
  const std::vector<const PNode*> ca = canonical_children(a);
  const std::vector<const PNode*> cb = canonical_children(b);
  if (ca.size() != cb.size()) return false;
  for (std::size_t i = 0; i < ca.size(); ++i)
    if (!same_node(sa, *ca[i], sb, *cb[i])) return false;
  return true;
}

std::vector<std::string_view> comment_texts(std::string_view source, const grammar::ParseOutput& p) {
  std::vector<const PNode*> leaves;
  if (p.lang_line) collect_leaves(*p.lang_line, leaves);
  for (const auto& item : p.items) collect_leaves(*item, leaves);
  const CommentMap map(source, leaves);
  std::vector<std::string_view> out;
  for (const Comment& c : map.all()) out.push_back(map.text(c));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

bool same_program(std::string_view a_source, const grammar::ParseOutput& a, std::string_view b_source,
                  const grammar::ParseOutput& b) {
  if (!a.errors.empty() || !b.errors.empty() || a.items.size() != b.items.size()) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same_node(a_source, *a.items[i], b_source, *b.items[i])) return false;
  return comment_texts(a_source, a) == comment_texts(b_source, b);
}

FormatResult format_source(std::string_view source, const FormatOptions& options) {
  FormatResult r;
  if (find_invalid_utf8(source) != std::string_view::npos) return r;
  const grammar::ParseOutput parsed = grammar::parse_source(source);
  r.lang = parsed.lang;
  if (!parsed.errors.empty()) return r;
  r.parsed = true;
  const grammar::Lang to = options.to.value_or(parsed.lang);
  Printed printed = print_file(source, parsed, to, options.to.has_value(), options.width);
  r.problems = std::move(printed.problems);
  if (!r.problems.empty()) return r;

  // Safety net: the output must parse to the same program.
  const grammar::ParseOutput again = grammar::parse_source(printed.text);
  const bool language_ok = again.lang == to && (again.lang_declared || (!parsed.lang_declared && !options.to));
  if (!language_ok || !same_program(source, parsed, printed.text, again)) {
    const bool da = parsed.lang == grammar::Lang::Da;
    r.problems.push_back(FormatProblem{
        0, 0,
        da ? "intern fejl i formateringen: resultatet betyder ikke det samme som filen; filen er ikke ændret (meld venligst fejlen)"
           : "internal formatter error: the result does not mean the same as the file; the file is left unchanged (please report this)"});
    return r;
  }
  r.text = std::move(printed.text);
  return r;
}

}  // namespace frist::compiler::format
