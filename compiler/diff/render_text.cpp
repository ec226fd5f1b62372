// The terminal form of a diff: sections with two-space indents, one change
// per line, the impact as transition lists per rule.
#include <fmt/format.h>

#include "compiler/diff/phrases.hpp"
#include "compiler/diff/render.hpp"

namespace frist::compiler::diff {
namespace {

void section(std::string& out, const std::string& title, const std::vector<Change>& changes, grammar::Lang lang) {
  if (changes.empty()) return;
  out += "\n" + title + "\n";
  for (const Change& c : changes) {
    out += "  " + c.text + "\n";
    if (c.names_affects) out += "      " + affects_text(c, lang) + "\n";
  }
}

void rules(std::string& out, const SemanticDiff& d) {
  const Words& w = words(d.lang);
  out += fmt::format("\n{}: {}\n", w.rules, rules_summary(d));
  for (const RuleDiff& r : d.rules) {
    if (!r.differs()) continue;
    const char mark = r.status == RuleStatus::Added ? '+' : r.status == RuleStatus::Removed ? '-' : '~';
    out += fmt::format("  {} {} {}", mark, status_word(r, d.lang), rule_name(r));
    if (!r.title.empty()) out += " \"" + r.title + "\"";
    out += "\n";
    if ((r.status == RuleStatus::Added || r.status == RuleStatus::Removed) && !r.basis.empty()) {
      out += fmt::format("      {}: {}\n", w.basis, r.basis);
    }
    if (r.moved) {
      out += "      " + fmt::format(fmt::runtime(w.rule_moved), r.old_position, r.new_position) + "\n";
    }
    for (const Change& c : r.changes) out += "      " + c.text + "\n";
    for (const Change& c : r.metadata) out += "      " + c.text + "\n";
  }
}

void vocabulary(std::string& out, const SemanticDiff& d) {
  if (d.vocabulary.empty()) return;
  const Words& w = words(d.lang);
  out += std::string("\n") + w.vocabulary + "\n";
  for (const VocabularyChange& c : d.vocabulary) {
    out += "  " + c.text;
    if (c.minor) out += std::string(" ") + w.minor;
    out += "\n      " + affects_text(c, d.lang) + "\n";
  }
}

void impact(std::string& out, const SemanticDiff& d, const Impact& im) {
  const Words& w = words(d.lang);
  out += fmt::format("\n{}: {}\n", w.impact, fmt::format(fmt::runtime(w.cases_line), im.read, im.as_of));
  for (const auto& [label, side] : {std::make_pair(w.old_side, &im.old_side), std::make_pair(w.new_side, &im.new_side)}) {
    out += fmt::format("  {:<4} {} {}, {} {}, {} {}\n", std::string(label) + ":", w.evaluated, side->evaluated, w.rejected,
                       side->rejected, w.uncovered, side->uncovered);
  }
  std::size_t quiet = 0;
  for (std::size_t i = 0; i < im.rules.size() && i < d.rules.size(); ++i) {
    const RuleImpact& ri = im.rules[i];
    const RuleDiff& r = d.rules[i];
    if (ri.on_both_sides() && ri.flipped.empty()) {
      ++quiet;
      continue;
    }
    out += "\n  " + rule_name(r);
    if (!ri.on_both_sides()) {
      out += fmt::format(" ({})\n", ri.new_id.empty() ? w.only_old : w.only_new);
    } else {
      const std::uint64_t cb = ri.before(CaseState::Compliant) + ri.before(CaseState::Exempt);
      const std::uint64_t ca = ri.after(CaseState::Compliant) + ri.after(CaseState::Exempt);
      out += fmt::format(": {} → {}\n", rate_text(cb, ri.before(CaseState::Violated), d.lang),
                         rate_text(ca, ri.after(CaseState::Violated), d.lang, true));
    }
    std::uint64_t same = 0;
    for (std::size_t a = 0; a < kCaseStates; ++a) {
      for (std::size_t b = 0; b < kCaseStates; ++b) {
        const std::uint64_t n = ri.matrix[a][b];
        if (n == 0) continue;
        if (a == b) {
          same += n;
          continue;
        }
        if (!ri.on_both_sides()) {
          out += fmt::format("    {}: {}\n", w.state[ri.new_id.empty() ? a : b], n);
        } else {
          out += fmt::format("    {} → {}: {}\n", w.state[a], w.state[b], n);
        }
      }
    }
    if (same > 0) out += fmt::format("    {}: {}\n", w.unchanged_cases, same);
    if (ri.flipped.empty()) continue;
    out += fmt::format("    {} ({}): ", w.flipped, ri.flipped.size());
    const std::size_t shown = std::min(ri.flipped.size(), kListedFlips);
    for (std::size_t k = 0; k < shown; ++k) out += (k ? ", " : "") + ri.flipped[k];
    if (ri.flipped.size() > shown) out += " " + fmt::format(fmt::runtime(w.more), ri.flipped.size() - shown);
    out += "\n";
  }
  if (quiet > 0) out += "\n  " + fmt::format(fmt::runtime(w.no_flips), quiet) + "\n";
}

}  // namespace

std::string render_text(const SemanticDiff& d, const Impact* im) {
  const Words& w = words(d.lang);
  std::string out = fmt::format("{}: {} → {}\n", w.heading, d.old_source, d.new_source);
  if (!d.has_changes()) out += w.no_changes + std::string("\n");
  std::vector<Change> header = d.ruleset;
  section(out, w.ruleset, header, d.lang);
  section(out, capitalised(w.calendar), d.calendar, d.lang);
  vocabulary(out, d);
  if (d.has_changes()) rules(out, d);
  if (im != nullptr) impact(out, d, *im);
  return out;
}

}  // namespace frist::compiler::diff
