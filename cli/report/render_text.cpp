// The text report: a header, per ruleset an overview table of every rule's
// totals, then per rule its hjemmel, the barometer sentences and — when
// grouped — a table of the groups with the total below. Colour (bold
// headings, the small-N flag in yellow) only when asked for (a terminal).
#include <fmt/format.h>

#include "cli/report/phrases.hpp"
#include "cli/report/render.hpp"
#include "cli/report/text_table.hpp"

namespace frist::cli {
namespace {

using Align = TextTable::Align;

// Breaks a paragraph at spaces into lines of at most `width` code points.
std::string wrap(const std::string& text, std::size_t width) {
  std::string out, line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
      out += line + "\n";
      line = "  " + word;
    } else {
      line += (line.empty() ? "" : " ") + word;
    }
    start = end + 1;
  }
  return out + line + "\n";
}

struct Style {
  bool colour = false;
  std::string bold(const std::string& s) const { return colour ? "\x1b[1m" + s + "\x1b[0m" : s; }
  std::string warn(const std::string& s) const { return colour ? "\x1b[33m" + s + "\x1b[0m" : s; }
};

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

TextTable counts_table(const ReportPhrases& p, const std::string& first_heading) {
  TextTable t({Align::Left, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right, Align::Right,
               Align::Right, Align::Left});
  const ReportPhrases::Columns c = p.columns();
  t.add_row({first_heading, c.compliant, c.n, c.rate, c.ci, c.pending, c.not_applicable, c.undetermined, ""});
  t.add_separator();
  return t;
}

}  // namespace

std::string render_text(const report::Report& r, const RenderOptions& options) {
  const ReportPhrases p{r, options.locale};
  const Style style{options.colour};
  const bool da = options.locale.danish;
  std::string out = style.bold(p.title()) + "\n\n";

  TextTable header({Align::Left, Align::Left});
  for (std::size_t i = 0; i < r.rulesets.size(); ++i)
    header.add_row({i == 0 ? std::string(p.rulesets_label()) + ":" : "", p.ruleset_line(i)});
  header.add_row({std::string(p.cases_label()) + ":", p.cases_line()});
  if (!r.group_by.empty()) header.add_row({std::string(p.grouping_label()) + ":", p.grouping_line()});
  out += header.render("");
  out += '\n';
  for (const std::string& line : p.legend()) out += wrap(line, 100);

  for (std::size_t s = 0; s < r.rulesets.size(); ++s) {
    out += '\n';
    out += style.bold(fmt::format("━━ {}", p.ruleset_line(s))) + "\n\n";
    TextTable overview = counts_table(p, da ? "regel" : "rule");
    for (std::size_t i = 0; i < r.rules.size(); ++i) {
      if (r.rules[i].ruleset != s) continue;
      std::vector<std::string> row = count_cells(p, r.total.rules[i]);
      row.insert(row.begin(), r.rules[i].id);
      overview.add_row(std::move(row));
    }
    out += overview.render("  ");

    for (std::size_t i = 0; i < r.rules.size(); ++i) {
      if (r.rules[i].ruleset != s) continue;
      const report::RuleCounts& total = r.total.rules[i];
      out += '\n';
      out += style.bold(fmt::format("{} — {}", r.rules[i].id, r.rules[i].title)) + "\n";
      out += "  " + p.basis(i) + "\n";
      out += "  " + p.measured(total) + "\n";
      if (const std::string iv = p.interval(total); !iv.empty()) out += "  " + iv + "\n";
      out += "  " + p.outside(total) + "\n";
      if (const std::string f = p.flag(total); !f.empty()) out += "  " + style.warn("⚑ " + f) + "\n";
      if (r.group_by.empty()) continue;
      out += '\n';
      TextTable groups = counts_table(p, p.columns().group);
      for (const report::Group& g : r.groups) {
        std::vector<std::string> row = count_cells(p, g.rules[i]);
        row.insert(row.begin(), p.group_name(g));
        groups.add_row(std::move(row));
      }
      groups.add_separator();
      std::vector<std::string> row = count_cells(p, total);
      row.insert(row.begin(), p.locale.total());
      groups.add_row(std::move(row));
      out += groups.render("  ");
    }
  }
  return out;
}

}  // namespace frist::cli
