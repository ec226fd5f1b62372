// The Markdown form of a diff, to paste into a review: headings per
// section, Frist text in code spans, the impact as tables.
#include <fmt/format.h>

#include "compiler/diff/phrases.hpp"
#include "compiler/diff/render.hpp"

namespace frist::compiler::diff {
namespace {

std::string code(const std::string& s) {
  if (s.empty()) return s;
  if (s.find('`') == std::string::npos) return "`" + s + "`";
  return "`` " + s + " ``";
}

// Plain prose: characters Markdown would take as markup are escaped.
std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '\\' || c == '<' || c == '[' || c == ']' || c == '|') out += '\\';
    out += c;
  }
  return out;
}

// A change as a sentence with its old and new values in code spans when the
// sentence has the standard shape; otherwise its text, escaped.
std::string sentence(const Change& c, grammar::Lang lang) {
  const Words& w = words(lang);
  if (!c.label.empty()) {
    if (c.action == "changed" && c.text == fmt::format(fmt::runtime(w.changed), c.label, c.old_text, c.new_text))
      return fmt::format(fmt::runtime(w.changed), escape(c.label), code(c.old_text), code(c.new_text));
    if (c.action == "added" && c.text == fmt::format(fmt::runtime(w.added), c.label, c.new_text))
      return fmt::format(fmt::runtime(w.added), escape(c.label), code(c.new_text));
    if (c.action == "removed" && c.text == fmt::format(fmt::runtime(w.removed), c.label, c.old_text))
      return fmt::format(fmt::runtime(w.removed), escape(c.label), code(c.old_text));
  }
  return escape(c.text);
}

void section(std::string& out, const std::string& title, const std::vector<Change>& changes, grammar::Lang lang) {
  if (changes.empty()) return;
  out += "\n### " + title + "\n\n";
  for (const Change& c : changes) {
    out += "- " + sentence(c, lang);
    if (c.names_affects) out += " — " + escape(affects_text(c, lang));
    out += "\n";
  }
}

std::string rule_code(const RuleDiff& r) {
  if (r.old_id.empty()) return code(r.new_id);
  if (r.new_id.empty() || r.old_id == r.new_id) return code(r.old_id);
  return code(r.old_id) + " → " + code(r.new_id);
}

void rules(std::string& out, const SemanticDiff& d) {
  const Words& w = words(d.lang);
  out += fmt::format("\n### {} ({})\n\n", w.rules, rules_summary(d));
  for (const RuleDiff& r : d.rules) {
    if (!r.differs()) continue;
    out += fmt::format("- **{}** {}", status_word(r, d.lang), rule_code(r));
    if (!r.title.empty()) out += " — " + escape(r.title);
    if ((r.status == RuleStatus::Added || r.status == RuleStatus::Removed) && !r.basis.empty())
      out += " (" + escape(r.basis) + ")";
    out += "\n";
    if (r.moved)
      out += "  - " + fmt::format(fmt::runtime(w.rule_moved), r.old_position, r.new_position) + "\n";
    for (const Change& c : r.changes) out += "  - " + sentence(c, d.lang) + "\n";
    for (const Change& c : r.metadata) out += "  - " + sentence(c, d.lang) + "\n";
  }
}

void vocabulary(std::string& out, const SemanticDiff& d) {
  if (d.vocabulary.empty()) return;
  const Words& w = words(d.lang);
  out += std::string("\n### ") + w.vocabulary + "\n\n";
  for (const VocabularyChange& c : d.vocabulary) {
    out += "- " + escape(c.text);
    if (c.minor) out += std::string(" ") + w.minor;
    out += " — " + escape(affects_text(c, d.lang)) + "\n";
  }
}

void impact(std::string& out, const SemanticDiff& d, const Impact& im) {
  const Words& w = words(d.lang);
  out += fmt::format("\n### {}\n\n{}.\n\n", w.impact, fmt::format(fmt::runtime(w.cases_line), im.read, im.as_of));
  out += fmt::format("| | {} | {} | {} |\n|---|---:|---:|---:|\n", w.evaluated, w.rejected, w.uncovered);
  out += fmt::format("| {} | {} | {} | {} |\n", w.old_side, im.old_side.evaluated, im.old_side.rejected, im.old_side.uncovered);
  out += fmt::format("| {} | {} | {} | {} |\n", w.new_side, im.new_side.evaluated, im.new_side.rejected, im.new_side.uncovered);
  std::size_t quiet = 0;
  for (std::size_t i = 0; i < im.rules.size() && i < d.rules.size(); ++i) {
    const RuleImpact& ri = im.rules[i];
    if (ri.on_both_sides() && ri.flipped.empty()) {
      ++quiet;
      continue;
    }
    out += "\n#### " + rule_code(d.rules[i]) + "\n\n";
    if (!ri.on_both_sides()) {
      out += std::string(ri.new_id.empty() ? w.only_old : w.only_new) + ".\n\n";
      out += fmt::format("| {} | {} |\n|---|---:|\n", ri.new_id.empty() ? w.old_side : w.new_side, w.cases);
      for (std::size_t s = 0; s < kCaseStates; ++s) {
        const auto st = static_cast<CaseState>(s);
        const std::uint64_t n = ri.new_id.empty() ? ri.before(st) : ri.after(st);
        if (n > 0) out += fmt::format("| {} | {} |\n", w.state[s], n);
      }
      continue;
    }
    const std::uint64_t cb = ri.before(CaseState::Compliant) + ri.before(CaseState::Exempt);
    const std::uint64_t ca = ri.after(CaseState::Compliant) + ri.after(CaseState::Exempt);
    out += fmt::format("{} → {}\n\n", rate_text(cb, ri.before(CaseState::Violated), d.lang),
                       rate_text(ca, ri.after(CaseState::Violated), d.lang, true));
    out += fmt::format("| {} | {} | {} |\n|---|---|---:|\n", w.old_side, w.new_side, w.cases);
    std::uint64_t same = 0;
    for (std::size_t a = 0; a < kCaseStates; ++a) {
      for (std::size_t b = 0; b < kCaseStates; ++b) {
        const std::uint64_t n = ri.matrix[a][b];
        if (n == 0) continue;
        if (a == b) same += n;
        else out += fmt::format("| {} | {} | {} |\n", w.state[a], w.state[b], n);
      }
    }
    if (same > 0) out += fmt::format("| {} | | {} |\n", w.unchanged_cases, same);
    out += fmt::format("\n{} ({}): ", capitalised(w.flipped), ri.flipped.size());
    const std::size_t shown = std::min(ri.flipped.size(), kListedFlips);
    for (std::size_t k = 0; k < shown; ++k) out += (k ? ", " : "") + code(ri.flipped[k]);
    if (ri.flipped.size() > shown) out += " " + fmt::format(fmt::runtime(w.more), ri.flipped.size() - shown);
    out += "\n";
  }
  if (quiet > 0) out += "\n" + fmt::format(fmt::runtime(w.no_flips), quiet) + ".\n";
}

}  // namespace

std::string render_markdown(const SemanticDiff& d, const Impact* im) {
  const Words& w = words(d.lang);
  std::string out = fmt::format("## {}: {} → {}\n", w.heading, code(d.old_source), code(d.new_source));
  if (!d.has_changes()) out += std::string("\n") + w.no_changes + "\n";
  section(out, w.ruleset, d.ruleset, d.lang);
  section(out, capitalised(w.calendar), d.calendar, d.lang);
  vocabulary(out, d);
  if (d.has_changes()) rules(out, d);
  if (im != nullptr) impact(out, d, *im);
  return out;
}

}  // namespace frist::compiler::diff
