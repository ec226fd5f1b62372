// The HTML report: one self-contained page (inline CSS, JS and SVG; no
// network, no external fonts) with the header, the legend, an overview per
// ruleset, and per rule the barometer sentences, an SVG bar chart comparing
// the groups with their 95 % interval whiskers, and a sortable table.
// Readable when printed (print CSS in html_assets.cpp).
#include <fmt/format.h>

#include "cli/report/html_assets.hpp"
#include "cli/report/phrases.hpp"
#include "cli/report/render.hpp"
#include "runtime/common/json_text.hpp"

namespace frist::cli {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  std::string s;
  append_json_number(s, v);
  return s;
}

// Chart geometry (SVG user units).
constexpr double kLabelRight = 196;   // group names end here
constexpr double kPlotLeft = 204;
constexpr double kPlotWidth = 380;
constexpr double kTextLeft = 594;
constexpr double kWidth = 740;
constexpr double kTop = 24;
constexpr double kRow = 18;

struct ChartRow {
  std::string label;
  const report::RuleCounts* counts;
  bool total;
};

std::string chart(const ReportPhrases& p, const std::vector<ChartRow>& rows, std::string_view aria) {
  const double height = kTop + kRow * static_cast<double>(rows.size()) + 6;
  std::string out = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n",
      kWidth, num(height), kWidth, num(height), esc(aria));
  out += "<g class=\"axis\">";
  for (int pct = 0; pct <= 100; pct += 25) {
    const double x = kPlotLeft + kPlotWidth * pct / 100.0;
    out += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>", num(x), kTop - 6, num(height - 4));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}{}</text>", num(x), kTop - 10, pct,
                       p.locale.danish ? " %" : "%");
  }
  out += "</g>\n";
  // The total's rate as a reference line through every row.
  for (const ChartRow& r : rows) {
    const report::RuleStats s = report::stats(*r.counts);
    if (r.total && s.rate) {
      const double x = kPlotLeft + kPlotWidth * *s.rate;
      out += fmt::format("<line class=\"ref\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\n", num(x), kTop - 2, num(height - 4));
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ChartRow& r = rows[i];
    const report::RuleStats s = report::stats(*r.counts);
    const double y = kTop + kRow * static_cast<double>(i);
    const double mid = y + kRow / 2;
    std::string tip = r.label + ": " + p.measured(*r.counts);
    if (const std::string iv = p.interval(*r.counts); !iv.empty()) tip += "; " + iv;
    out += fmt::format("<g><title>{}</title>", esc(tip));
    out += fmt::format("<text class=\"label{}\" x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>",
                       r.total ? " total" : "", kLabelRight, num(mid), esc(r.label));
    if (s.rate) {
      const std::string cls = std::string("bar") + (r.total ? " total" : "") + (s.small_n ? " small" : "");
      out += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\"/>", cls, kPlotLeft, num(mid - 5),
                         num(kPlotWidth * *s.rate));
      const double lo = kPlotLeft + kPlotWidth * s.ci95->low, hi = kPlotLeft + kPlotWidth * s.ci95->high;
      out += fmt::format(
          "<path class=\"whisker\" d=\"M{0} {1}H{2}M{0} {3}V{4}M{2} {3}V{4}\"/>", num(lo), num(mid), num(hi), num(mid - 4),
          num(mid + 4));
      out += fmt::format("<text x=\"{}\" y=\"{}\" dominant-baseline=\"middle\">{} · N = {}{}</text>", kTextLeft, num(mid),
                         esc(p.locale.percent(*s.rate)), esc(p.locale.count(s.n)), s.small_n ? " ⚑" : "");
    } else {
      out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\" dominant-baseline=\"middle\">{}</text>", kPlotLeft + 4,
                         num(mid), p.locale.danish ? "ingen sager i N" : "no cases in N");
    }
    out += "</g>\n";
  }
  out += "</svg>\n";
  return out;
}

std::string th(std::string_view label, bool numeric) {
  return fmt::format("<th scope=\"col\"{}><button type=\"button\">{}</button></th>", numeric ? " data-type=\"num\"" : "",
                     esc(label));
}

std::string count_td(const Locale& l, std::uint64_t n) { return fmt::format("<td data-v=\"{}\">{}</td>", n, esc(l.count(n))); }

std::string counts_tds(const ReportPhrases& p, const report::RuleCounts& c) {
  const report::RuleStats s = report::stats(c);
  std::string out;
  out += count_td(p.locale, s.compliant);
  out += count_td(p.locale, c.count(vm::Verdict::Violated));
  out += count_td(p.locale, s.n);
  out += fmt::format("<td data-v=\"{}\">{}</td>", s.rate ? num(*s.rate) : "-1", esc(p.rate_cell(c)));
  out += fmt::format("<td data-v=\"{}\">{}</td>", s.ci95 ? num(s.ci95->low) : "-1", esc(p.interval_cell(c)));
  out += count_td(p.locale, c.count(vm::Verdict::Pending));
  out += count_td(p.locale, c.count(vm::Verdict::NotApplicable));
  const std::string reasons = p.reasons_cell(c);
  out += fmt::format("<td data-v=\"{}\"{}>{}</td>", c.count(vm::Verdict::Undetermined),
                     reasons.empty() ? "" : " title=\"" + esc(reasons) + "\"", esc(p.locale.count(c.count(vm::Verdict::Undetermined))));
  out += fmt::format("<td class=\"flagcell\" data-v=\"{}\">{}</td>", s.small_n ? 1 : 0, s.small_n ? "⚑" : "");
  return out;
}

std::string counts_head(const ReportPhrases& p, const std::string& first) {
  const ReportPhrases::Columns c = p.columns();
  const bool da = p.locale.danish;
  return "<thead><tr>" + th(first, false) + th(c.compliant, true) + th(da ? "ikke overholdt" : "violated", true) +
         th(c.n, true) + th(c.rate, true) + th(c.ci, true) + th(c.pending, true) + th(c.not_applicable, true) +
         th(c.undetermined, true) + th("⚑", true) + "</tr></thead>\n";
}

}  // namespace

std::string render_html(const report::Report& r, const RenderOptions& options) {
  const ReportPhrases p{r, options.locale};
  const bool da = options.locale.danish;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"frist {}\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
      options.locale.code(), esc(r.frist_version), esc(p.title()), report_css());
  out += "<header>\n<h1>" + esc(p.title()) + "</h1>\n<dl class=\"meta\">\n";
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", p.as_of_label(), esc(r.as_of));
  for (std::size_t i = 0; i < r.rulesets.size(); ++i)
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", i == 0 ? p.rulesets_label() : "", esc(p.ruleset_line(i)));
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", p.cases_label(), esc(p.cases_line()));
  if (!r.group_by.empty()) out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", p.grouping_label(), esc(p.grouping_line()));
  out += "</dl>\n<ul class=\"legend\">\n";
  for (const std::string& line : p.legend()) out += "<li>" + esc(line) + "</li>\n";
  out += "</ul>\n";
  out += fmt::format("<p class=\"hint\">{}</p>\n</header>\n<main>\n",
                     da ? "Klik på en kolonneoverskrift for at sortere tabellen." : "Click a column heading to sort the table.");

  for (std::size_t s = 0; s < r.rulesets.size(); ++s) {
    out += fmt::format("<section class=\"ruleset\">\n<h2>{}</h2>\n", esc(p.ruleset_line(s)));
    out += "<table class=\"sortable overview\">\n" + counts_head(p, da ? "regel" : "rule") + "<tbody>\n";
    std::size_t row_index = 0;
    for (std::size_t i = 0; i < r.rules.size(); ++i) {
      if (r.rules[i].ruleset != s) continue;
      out += fmt::format("<tr data-i=\"{}\"{}><td data-v=\"{}\"><a href=\"#r{}\">{}</a></td>", row_index++,
                         report::stats(r.total.rules[i]).small_n ? " class=\"small\"" : "", esc(r.rules[i].title), i,
                         esc(r.rules[i].title));
      out += counts_tds(p, r.total.rules[i]) + "</tr>\n";
    }
    out += "</tbody>\n</table>\n";

    for (std::size_t i = 0; i < r.rules.size(); ++i) {
      if (r.rules[i].ruleset != s) continue;
      const report::RuleInfo& rule = r.rules[i];
      const report::RuleCounts& total = r.total.rules[i];
      out += fmt::format("<section class=\"rule\" id=\"r{}\">\n<header>\n<h3>{} <code>{}</code></h3>\n", i, esc(rule.title),
                         esc(rule.id));
      out += fmt::format("<p class=\"basis\">{}: {}{}</p>\n", da ? "Hjemmel" : "Legal basis",
                         esc(rule.basis.empty() ? (da ? "(ikke angivet)" : "(not given)") : rule.basis),
                         rule.unverified ? fmt::format(" <span class=\"unverified\">({})</span>", da ? "ikke verificeret" : "not verified") : "");
      out += "<p class=\"measure\"><strong>" + esc(p.measured(total)) + "</strong>";
      if (const std::string iv = p.interval(total); !iv.empty()) out += " · " + esc(iv);
      out += "</p>\n<p class=\"outside\">" + esc(p.outside(total)) + "</p>\n";
      if (const std::string f = p.flag(total); !f.empty()) out += "<p class=\"flag\">⚑ " + esc(f) + "</p>\n";
      std::vector<ChartRow> rows{{p.locale.total(), &total, true}};
      for (const report::Group& g : r.groups) rows.push_back({p.group_name(g), &g.rules[i], false});
      out += "<figure>\n" + chart(p, rows, rule.title);
      out += fmt::format("<figcaption>{}</figcaption>\n</figure>\n</header>\n",
                         esc(da ? "Søjlen er andelen overholdt (overholdt / N), stregen det 95 %-konfidensinterval; den "
                                  "stiplede linje er andelen i alt. Lyse søjler: for få sager til at generalisere."
                                : "The bar is the rate (compliant / N), the whisker the 95% confidence interval; the "
                                  "dashed line is the overall rate. Pale bars: too few cases to generalise."));
      if (!r.group_by.empty()) {
        out += "<table class=\"sortable groups\">\n" + counts_head(p, p.columns().group) + "<tbody>\n";
        std::size_t gi = 0;
        for (const report::Group& g : r.groups) {
          const std::string name = p.group_name(g);
          out += fmt::format("<tr data-i=\"{}\"{}><td data-v=\"{}\">{}</td>", gi++,
                             report::stats(g.rules[i]).small_n ? " class=\"small\"" : "", esc(name), esc(name));
          out += counts_tds(p, g.rules[i]) + "</tr>\n";
        }
        out += "</tbody>\n<tfoot><tr><td>" + esc(p.locale.total()) + "</td>" + counts_tds(p, total) + "</tr></tfoot>\n</table>\n";
      }
      out += "</section>\n";
    }
    out += "</section>\n";
  }
  out += fmt::format("</main>\n<footer>{} frist {} · {}</footer>\n<script>{}</script>\n</body>\n</html>\n",
                     da ? "Lavet med" : "Made with", esc(r.frist_version), esc(p.cases_line()), report_js());
  return out;
}

}  // namespace frist::cli
