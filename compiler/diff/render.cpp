// The writer entry point and the pieces the text and Markdown writers share.
#include "compiler/diff/render.hpp"

#include <fmt/format.h>

#include "compiler/diff/phrases.hpp"

namespace frist::compiler::diff {

std::string render_report(const SemanticDiff& diff, const Impact* impact, Format format) {
  switch (format) {
    case Format::Text: return render_text(diff, impact);
    case Format::Markdown: return render_markdown(diff, impact);
    case Format::Json: return render_json(diff, impact);
  }
  return {};
}

std::string rule_name(const RuleDiff& r) {
  if (r.old_id.empty()) return r.new_id;
  if (r.new_id.empty() || r.old_id == r.new_id) return r.old_id;
  return r.old_id + " → " + r.new_id;
}

std::string status_word(const RuleDiff& r, grammar::Lang lang) {
  const Words& w = words(lang);
  switch (r.status) {
    case RuleStatus::Added: return w.rule_added;
    case RuleStatus::Removed: return w.rule_removed;
    case RuleStatus::Changed: return r.renamed ? std::string(w.rule_renamed) + ", " + w.rule_changed : w.rule_changed;
    case RuleStatus::Unchanged:
      if (r.renamed) return w.rule_renamed;
      return r.moved ? w.moved_word : w.unchanged;
  }
  return "";
}

std::string rules_summary(const SemanticDiff& d) {
  const Words& w = words(d.lang);
  std::vector<std::string> parts;
  auto part = [&](std::size_t n, const char* what) {
    if (n > 0) parts.push_back(fmt::format("{} {}", n, what));
  };
  part(d.count(RuleStatus::Added), w.rule_added);
  part(d.count(RuleStatus::Removed), w.rule_removed);
  part(d.count(RuleStatus::Changed), w.rule_changed);
  part(d.renamed_count(), w.rule_renamed);
  part(d.moved_count(), w.moved_word);
  parts.push_back(fmt::format("{} {}", d.unchanged_count(), w.unchanged));
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

std::string rate_text(std::uint64_t compliant, std::uint64_t violated, grammar::Lang lang, bool bare) {
  const std::uint64_t n = compliant + violated;
  std::string out = fmt::format(fmt::runtime(bare ? words(lang).rate_short : words(lang).rate), compliant, n);
  if (n == 0) return out;
  const double pct = 100.0 * static_cast<double>(compliant) / static_cast<double>(n);
  if (lang == grammar::Lang::Da) {
    std::string p = fmt::format("{:.1f}", pct);
    for (char& c : p)
      if (c == '.') c = ',';
    return out + " (" + p + " %)";
  }
  return out + fmt::format(" ({:.1f}%)", pct);
}

std::string capitalised(const std::string& s) {
  std::string out = s;
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string affects_text(const std::vector<std::string>& rules, bool case_date, grammar::Lang lang) {
  const Words& w = words(lang);
  std::vector<std::string> names = rules;
  if (case_date) names.push_back(w.case_date);
  std::string out = std::string(w.affects) + ": ";
  if (names.empty()) return out + w.no_rule;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

std::string affects_text(const VocabularyChange& c, grammar::Lang lang) {
  return affects_text(c.affects, c.affects_case_date, lang);
}

std::string affects_text(const Change& c, grammar::Lang lang) {
  return affects_text(c.affects, c.affects_case_date, lang);
}

}  // namespace frist::compiler::diff
