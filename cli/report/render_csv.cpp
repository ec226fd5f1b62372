// The CSV report: one row per (group, rule), the total first (level
// "total"), then the groups (level "group"; an empty group cell with level
// "group" is the group of cases without the attribute). Numbers are
// machine-readable (dot decimals, rates and intervals unrounded), so the
// CSV feeds spreadsheets and scripts; the texts for people are in the other
// formats.
#include <fmt/format.h>

#include "cli/report/render.hpp"
#include "runtime/common/csv_text.hpp"
#include "runtime/common/json_text.hpp"

namespace frist::cli {
namespace {

void field(std::string& out, std::string_view s) { append_csv_field(out, s); }

std::string number(double v) {
  std::string s;
  append_json_number(s, v);
  return s;
}

void rows(std::string& out, const report::Report& r, const report::Group& g, bool total) {
  for (std::size_t i = 0; i < r.rules.size(); ++i) {
    const report::RuleInfo& rule = r.rules[i];
    const report::RulesetInfo& rs = r.rulesets[rule.ruleset];
    const report::RuleCounts& c = g.rules[i];
    const report::RuleStats s = report::stats(c);
    field(out, r.as_of);
    out += total ? ",total," : ",group,";
    if (!total && g.value) field(out, *g.value);
    out += ',';
    field(out, rs.id);
    out += ',';
    field(out, rs.version);
    out += ',';
    field(out, rule.id);
    out += ',';
    field(out, rule.title);
    out += ',';
    field(out, rule.basis);
    out += rule.unverified ? ",unverified" : ",verified";
    fmt::format_to(std::back_inserter(out), ",{}", g.cases);
    for (std::uint64_t v : c.verdicts) fmt::format_to(std::back_inserter(out), ",{}", v);
    fmt::format_to(std::back_inserter(out), ",{},{},", c.exempt, s.n);
    if (s.rate) out += number(*s.rate);
    out += ',';
    if (s.ci95) out += number(s.ci95->low) + "," + number(s.ci95->high);
    else out += ',';
    out += s.small_n ? ",true," : ",false,";
    std::string reasons;
    for (const auto& [text, n] : c.undetermined_reasons) {
      if (!reasons.empty()) reasons += "; ";
      reasons += fmt::format("{}: {}", text, n);
    }
    field(out, reasons);
    out += '\n';
  }
}

}  // namespace

std::string render_csv(const report::Report& r) {
  std::string out =
      "as_of,level,group,ruleset,version,rule,title,hjemmel,status,cases,compliant,violated,pending,not_applicable,"
      "undetermined,exempt,n,rate,ci95_low,ci95_high,small_n,undetermined_reasons\n";
  rows(out, r, r.total, true);
  for (const report::Group& g : r.groups) rows(out, r, g, false);
  return out;
}

}  // namespace frist::cli
