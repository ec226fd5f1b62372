// Matching the rules of two versions: by id, then renamed rules by an
// identical canonical body; which matched rules moved (not part of the
// longest run of rules that kept their relative order); metadata changes.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/diff/compare.hpp"
#include "compiler/diff/sentences.hpp"

namespace frist::compiler::diff {

using grammar::Lang;

namespace {

void compare_text(const std::string& kind, const std::string& label, const std::string& a, const std::string& b,
                  Lang lang, std::vector<Change>& out) {
  if (a != b) out.push_back(prose_change(kind, label, a, b, lang));
}

std::vector<Change> compare_metadata(const CanonicalRule& a, const CanonicalRule& b, Lang lang) {
  const Words& w = words(lang);
  std::vector<Change> out;
  compare_text("title", w.title, a.title, b.title, lang, out);
  compare_text("basis", w.basis, a.basis, b.basis, lang, out);
  if (a.verified != b.verified) {
    out.push_back(changed_change("status", w.status, a.verified ? w.verified : w.unverified,
                                 b.verified ? w.verified : w.unverified, lang));
  }
  compare_text("note", w.note, a.note, b.note, lang, out);
  return out;
}

// Indices (into `seq`) of a longest strictly increasing subsequence.
std::vector<std::size_t> longest_increasing(const std::vector<std::size_t>& seq) {
  std::vector<std::size_t> tails, tail_at, prev(seq.size(), SIZE_MAX);
  for (std::size_t i = 0; i < seq.size(); ++i) {
    auto it = std::lower_bound(tails.begin(), tails.end(), seq[i]);
    const std::size_t k = static_cast<std::size_t>(it - tails.begin());
    if (it == tails.end()) {
      tails.push_back(seq[i]);
      tail_at.push_back(i);
    } else {
      *it = seq[i];
      tail_at[k] = i;
    }
    if (k > 0) prev[i] = tail_at[k - 1];
  }
  std::vector<std::size_t> out;
  for (std::size_t i = tail_at.empty() ? SIZE_MAX : tail_at.back(); i != SIZE_MAX; i = prev[i]) out.push_back(i);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

std::vector<RuleDiff> compare_rules(const std::vector<CanonicalRule>& old_rules,
                                    const std::vector<CanonicalRule>& new_rules, Lang lang) {
  constexpr std::size_t kNone = SIZE_MAX;
  std::vector<std::size_t> old_of_new(new_rules.size(), kNone), new_of_old(old_rules.size(), kNone);
  std::map<std::string, std::size_t> old_by_id;
  for (std::size_t i = 0; i < old_rules.size(); ++i) old_by_id.emplace(old_rules[i].id, i);
  for (std::size_t j = 0; j < new_rules.size(); ++j) {
    auto it = old_by_id.find(new_rules[j].id);
    if (it == old_by_id.end()) continue;
    old_of_new[j] = it->second;
    new_of_old[it->second] = j;
  }
  // A new rule without a namesake that behaves exactly like an old rule
  // without one is that rule renamed.
  for (std::size_t j = 0; j < new_rules.size(); ++j) {
    if (old_of_new[j] != kNone) continue;
    for (std::size_t i = 0; i < old_rules.size(); ++i) {
      if (new_of_old[i] != kNone || old_rules[i].body_key != new_rules[j].body_key) continue;
      old_of_new[j] = i;
      new_of_old[i] = j;
      break;
    }
  }
  // Moved: matched rules outside the longest run that kept its order.
  std::vector<std::size_t> matched_new, order;
  for (std::size_t j = 0; j < new_rules.size(); ++j) {
    if (old_of_new[j] == kNone) continue;
    matched_new.push_back(j);
    order.push_back(old_of_new[j]);
  }
  std::vector<bool> stays(new_rules.size(), false);
  for (std::size_t k : longest_increasing(order)) stays[matched_new[k]] = true;

  std::vector<RuleDiff> out;
  for (std::size_t j = 0; j < new_rules.size(); ++j) {
    const CanonicalRule& n = new_rules[j];
    RuleDiff d;
    d.new_id = n.id;
    d.title = n.title;
    d.basis = n.basis;
    d.new_position = j + 1;
    if (old_of_new[j] == kNone) {
      d.status = RuleStatus::Added;
      out.push_back(std::move(d));
      continue;
    }
    const CanonicalRule& o = old_rules[old_of_new[j]];
    d.old_id = o.id;
    d.old_position = old_of_new[j] + 1;
    d.renamed = o.id != n.id;
    d.moved = !stays[j];
    d.metadata = compare_metadata(o, n, lang);
    d.changes = compare_rule_bodies(o, n, lang);
    d.status = d.metadata.empty() && d.changes.empty() ? RuleStatus::Unchanged : RuleStatus::Changed;
    out.push_back(std::move(d));
  }
  for (std::size_t i = 0; i < old_rules.size(); ++i) {
    if (new_of_old[i] != kNone) continue;
    RuleDiff d;
    d.status = RuleStatus::Removed;
    d.old_id = old_rules[i].id;
    d.title = old_rules[i].title;
    d.basis = old_rules[i].basis;
    d.old_position = i + 1;
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace frist::compiler::diff
