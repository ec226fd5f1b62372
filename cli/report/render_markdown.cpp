// The Markdown report: the same content as the text report (header, legend,
// an overview table per ruleset, per rule the barometer sentences and the
// group table), as GitHub-flavoured Markdown for notater and wikis.
#include <fmt/format.h>

#include "cli/report/phrases.hpp"
#include "cli/report/render.hpp"

namespace frist::cli {
namespace {

// A table cell: pipes escaped, line breaks flattened.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// Text outside tables: Markdown's emphasis and code characters escaped.
std::string text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& c : cells) out += " " + cell(c) + " |";
  return out + "\n";
}

std::vector<std::string> count_cells(const ReportPhrases& p, const report::RuleCounts& c) {
  const report::RuleStats s = report::stats(c);
  return {p.locale.count(s.compliant),
          p.locale.count(s.n),
          p.rate_cell(c),
          p.interval_cell(c),
          p.locale.count(c.count(vm::Verdict::Pending)),
          p.locale.count(c.count(vm::Verdict::NotApplicable)),
          p.locale.count(c.count(vm::Verdict::Undetermined)),
          s.small_n ? "⚑" : ""};
}

std::string table_head(const ReportPhrases& p, const std::string& first) {
  const ReportPhrases::Columns c = p.columns();
  return row({first, c.compliant, c.n, c.rate, c.ci, c.pending, c.not_applicable, c.undetermined, "⚑"}) +
         "|---|--:|--:|--:|--:|--:|--:|--:|:-:|\n";
}

}  // namespace

std::string render_markdown(const report::Report& r, const RenderOptions& options) {
  const ReportPhrases p{r, options.locale};
  const bool da = options.locale.danish;
  std::string out = "# " + text(p.title()) + "\n\n";
  for (std::size_t i = 0; i < r.rulesets.size(); ++i)
    out += fmt::format("- {}: `{}` {} (`{}`) — {}\n", p.rulesets_label(), r.rulesets[i].id, text(r.rulesets[i].version),
                       r.rulesets[i].sha256.substr(0, 8), text(r.rulesets[i].title));
  out += fmt::format("- {}: {}\n", p.cases_label(), text(p.cases_line()));
  if (!r.group_by.empty()) out += fmt::format("- {}: {}\n", p.grouping_label(), text(p.grouping_line()));
  out += '\n';
  for (const std::string& line : p.legend()) out += "> " + text(line) + "\n>\n";
  out.resize(out.size() - 2);

  for (std::size_t s = 0; s < r.rulesets.size(); ++s) {
    out += fmt::format("\n## {}\n\n", text(p.ruleset_line(s)));
    out += table_head(p, da ? "regel" : "rule");
    for (std::size_t i = 0; i < r.rules.size(); ++i) {
      if (r.rules[i].ruleset != s) continue;
      std::vector<std::string> cells = count_cells(p, r.total.rules[i]);
      cells.insert(cells.begin(), r.rules[i].title);
      out += row(cells);
    }
    for (std::size_t i = 0; i < r.rules.size(); ++i) {
      if (r.rules[i].ruleset != s) continue;
      const report::RuleCounts& total = r.total.rules[i];
      out += fmt::format("\n### {} (`{}`)\n\n", text(r.rules[i].title), r.rules[i].id);
      out += text(p.basis(i)) + "\n\n";
      out += "**" + text(p.measured(total)) + "**";
      if (const std::string iv = p.interval(total); !iv.empty()) out += ". " + text(iv);
      out += ".\n" + text(p.outside(total)) + "\n";
      if (const std::string f = p.flag(total); !f.empty()) out += "\n⚑ **" + text(f) + "**\n";
      if (r.group_by.empty()) continue;
      out += '\n';
      out += table_head(p, p.columns().group);
      for (const report::Group& g : r.groups) {
        std::vector<std::string> cells = count_cells(p, g.rules[i]);
        cells.insert(cells.begin(), p.group_name(g));
        out += row(cells);
      }
      std::vector<std::string> cells = count_cells(p, total);
      for (std::string& c : cells)
        if (!c.empty()) c = "**" + c + "**";
      cells.insert(cells.begin(), "**" + std::string(p.locale.total()) + "**");
      out += row(cells);
    }
  }
  return out;
}

}  // namespace frist::cli
