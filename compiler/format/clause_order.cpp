// The fixed order of header and rule metadata clauses (see clause_order.hpp).
#include "compiler/format/clause_order.hpp"

#include <algorithm>

namespace frist::compiler::format {
namespace {

using grammar::Kw;
using grammar::NodeKind;
using grammar::PNode;

bool is_clause(const PNode& n) {
  switch (n.kind) {
    case NodeKind::BasisClause:
    case NodeKind::StatusClause:
    case NodeKind::NoteClause:
    case NodeKind::AppliesClause:
    case NodeKind::LetClause:
    case NodeKind::UndeterminedClause:
    case NodeKind::ExemptClause:
    case NodeKind::RequireClause:
    case NodeKind::ForEachOccurrence:
    case NodeKind::ForEachPeriod:
    case NodeKind::ApplyClause: return true;
    case NodeKind::Keyword: return n.kw == Kw::ForEach;
    default: return false;
  }
}

int header_rank(const PNode& n) {
  switch (n.kind) {
    case NodeKind::AmendsClause: return 0;
    case NodeKind::VersionClause: return 1;
    case NodeKind::SourceClause: return 2;
    case NodeKind::EffectiveClause: return 3;
    case NodeKind::CaseDateClause: return 4;
    case NodeKind::CalendarRef: return 5;
    default: return 6;
  }
}

int clause_rank(const PNode& n) {
  switch (n.kind) {
    case NodeKind::BasisClause: return 0;
    case NodeKind::StatusClause: return 1;
    case NodeKind::NoteClause: return 2;
    default: return 3;
  }
}

}  // namespace

std::size_t first_clause_index(const PNode& decl) {
  for (std::size_t i = 0; i < decl.children.size(); ++i)
    if (is_clause(*decl.children[i])) return i;
  return decl.children.size();
}

std::vector<const PNode*> canonical_children(const PNode& node) {
  std::vector<const PNode*> out;
  out.reserve(node.children.size());
  for (const auto& c : node.children) out.push_back(c.get());
  switch (node.kind) {
    case NodeKind::RulesetDecl: {
      // Keyword, id and title stay first; header clauses follow in rank order.
      auto first = std::find_if(out.begin(), out.end(), [](const PNode* c) { return header_rank(*c) < 6; });
      std::stable_sort(first, out.end(), [](const PNode* a, const PNode* b) { return header_rank(*a) < header_rank(*b); });
      break;
    }
    case NodeKind::RuleDecl:
    case NodeKind::ReplaceRuleDecl:
    case NodeKind::TemplateDecl: {
      auto first = out.begin() + static_cast<std::ptrdiff_t>(first_clause_index(node));
      std::stable_sort(first, out.end(), [](const PNode* a, const PNode* b) { return clause_rank(*a) < clause_rank(*b); });
      break;
    }
    default: break;
  }
  return out;
}

}  // namespace frist::compiler::format
