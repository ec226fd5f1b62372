// Report sentences in Danish and English.
#include "cli/report/phrases.hpp"

#include <fmt/format.h>

#include "runtime/time/civil.hpp"

namespace frist::cli {

using report::RuleCounts;
using vm::Verdict;

std::string ReportPhrases::title() const {
  const std::string date =
      time::parse_date(report.as_of) ? locale.long_date(*time::parse_date(report.as_of)) : report.as_of;
  return locale.danish ? fmt::format("Frist — overholdelse af reglerne pr. {}", date)
                       : fmt::format("Frist — compliance as of {}", date);
}

std::string ReportPhrases::ruleset_line(std::size_t i) const {
  const report::RulesetInfo& r = report.rulesets[i];
  return fmt::format("{} {} ({}) — {}", r.id, r.version, r.sha256.substr(0, 8), r.title);
}

std::string ReportPhrases::cases_line() const {
  const report::CaseCounts& c = report.cases;
  return locale.danish
             ? fmt::format("{} læst: {} vurderet, {} afvist, {} ikke omfattet af et regelsæt", locale.count(c.read),
                           locale.count(c.evaluated), locale.count(c.rejected), locale.count(c.uncovered))
             : fmt::format("{} read: {} evaluated, {} rejected, {} not covered by any ruleset", locale.count(c.read),
                           locale.count(c.evaluated), locale.count(c.rejected), locale.count(c.uncovered));
}

std::string ReportPhrases::grouping_line() const {
  if (report.group_by.empty()) return {};
  const std::size_t n = report.groups.size();
  return locale.danish ? fmt::format("{} ({} {})", report.group_by, locale.count(n), n == 1 ? "gruppe" : "grupper")
                       : fmt::format("{} ({} {})", report.group_by, locale.count(n), n == 1 ? "group" : "groups");
}

std::vector<std::string> ReportPhrases::legend() const {
  const std::string min_n = locale.count(report::kSmallNMin);
  const std::string width = fmt::format("{:.0f}", report::kSmallNMaxWidth * 100);
  if (locale.danish) {
    return {
        "N er de sager, hvor kravet kunne vurderes: overholdt + ikke overholdt. Andelen er overholdt / N.",
        "Sager, der afventer (fristen er ikke udløbet), hvor reglen ikke er relevant, eller som ikke kan vurderes "
        "(data mangler eller er for upræcise), indgår ikke i N, men vises ved siden af med deres grunde.",
        "Intervallet er et 95 %-konfidensinterval (Wilson) for andelen: jo færre sager, jo bredere interval.",
        fmt::format("⚑ for få sager til at generalisere: N er under {}, eller intervallet er bredere end {} procentpoint.",
                    min_n, width),
    };
  }
  return {
      "N is the cases where the requirement could be assessed: compliant + violated. The rate is compliant / N.",
      "Cases that are pending (the deadline has not passed), where the rule does not apply, or that cannot be "
      "assessed (data missing or too coarse) are not in N; they are shown beside it with their reasons.",
      "The interval is a 95% confidence interval (Wilson) for the rate: the fewer the cases, the wider it is.",
      fmt::format("⚑ too few cases to generalise: N is below {}, or the interval is wider than {} percentage points.",
                  min_n, width),
  };
}

std::string ReportPhrases::basis_value(std::size_t i) const {
  const report::RuleInfo& r = report.rules[i];
  std::string out = r.basis.empty() ? std::string(locale.danish ? "(ikke angivet)" : "(not given)") : r.basis;
  if (r.unverified) out += locale.danish ? " (ikke verificeret)" : " (not verified)";
  return out;
}

std::string ReportPhrases::basis(std::size_t i) const {
  return fmt::format("{}: {}", locale.danish ? "Hjemmel" : "Legal basis", basis_value(i));
}

std::string ReportPhrases::measured(const RuleCounts& c) const {
  const report::RuleStats s = report::stats(c);
  if (s.n == 0) return locale.danish ? "Ingen sager kunne vurderes (N = 0)" : "No case could be assessed (N = 0)";
  std::string out = locale.danish
                        ? fmt::format("Overholdt i {} ud af {} {} ({})", locale.count(s.compliant), locale.count(s.n),
                                      locale.cases_word(s.n), locale.percent(*s.rate))
                        : fmt::format("Compliant in {} of {} {} ({})", locale.count(s.compliant), locale.count(s.n),
                                      locale.cases_word(s.n), locale.percent(*s.rate));
  if (c.exempt > 0) {
    out += locale.danish ? fmt::format(", heraf {} ved undtagelse", locale.count(c.exempt))
                         : fmt::format(", {} of them by exemption", locale.count(c.exempt));
  }
  return out;
}

std::string ReportPhrases::interval(const RuleCounts& c) const {
  const report::RuleStats s = report::stats(c);
  if (!s.ci95) return {};
  return fmt::format("{}: {}", locale.danish ? "95 %-konfidensinterval" : "95% confidence interval",
                     locale.interval(s.ci95->low, s.ci95->high));
}

std::string ReportPhrases::reasons_cell(const RuleCounts& c) const {
  std::string out;
  for (const auto& [text, n] : c.undetermined_reasons) {
    if (!out.empty()) out += "; ";
    out += fmt::format("{}: {}", text, locale.count(n));
  }
  return out;
}

std::string ReportPhrases::outside(const RuleCounts& c) const {
  const std::uint64_t assessed = c.assessed();
  if (assessed == 0)
    return locale.danish ? "Ingen sager er vurderet efter dette regelsæt." : "No case was evaluated under this ruleset.";
  const report::RuleStats s = report::stats(c);
  const std::uint64_t outside = assessed - s.n;
  if (outside == 0) {
    return locale.danish ? fmt::format("Alle {} vurderede {} indgår i N.", locale.count(assessed), locale.cases_word(assessed))
                         : fmt::format("All {} {} assessed are in N.", locale.count(assessed), locale.cases_word(assessed));
  }
  std::vector<std::string> parts;
  for (Verdict v : {Verdict::Pending, Verdict::NotApplicable, Verdict::Undetermined}) {
    if (c.count(v) == 0) continue;
    std::string part = fmt::format("{} {}", locale.count(c.count(v)), locale.verdict(v));
    if (v == Verdict::Undetermined && !c.undetermined_reasons.empty()) part += fmt::format(" ({})", reasons_cell(c));
    parts.push_back(std::move(part));
  }
  std::string list;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) list += i + 1 == parts.size() ? (locale.danish ? " og " : " and ") : ", ";
    list += parts[i];
  }
  if (locale.danish) {
    return fmt::format("Af {} vurderede {} står {} uden for N: {}.", locale.count(assessed), locale.cases_word(assessed),
                       locale.count(outside), list);
  }
  return fmt::format("Of {} {} assessed, {} {} outside N: {}.", locale.count(assessed), locale.cases_word(assessed),
                     locale.count(outside), outside == 1 ? "is" : "are", list);
}

std::string ReportPhrases::flag_text() const {
  return locale.danish ? "For få sager til at generalisere" : "Too few cases to generalise";
}

std::string ReportPhrases::flag(const RuleCounts& c) const { return report::stats(c).small_n ? flag_text() : std::string(); }

std::string ReportPhrases::group_name(const report::Group& g) const {
  return g.value ? printable(*g.value) : std::string(locale.unknown_group());
}

std::string ReportPhrases::rate_cell(const RuleCounts& c) const {
  const report::RuleStats s = report::stats(c);
  return s.rate ? locale.percent(*s.rate) : "–";
}

std::string ReportPhrases::interval_cell(const RuleCounts& c) const {
  const report::RuleStats s = report::stats(c);
  return s.ci95 ? locale.interval(s.ci95->low, s.ci95->high) : "–";
}

ReportPhrases::Columns ReportPhrases::columns() const {
  const std::string group = report.group_by.empty() ? std::string(locale.danish ? "gruppe" : "group") : report.group_by;
  if (locale.danish)
    return {group, "overholdt", "N", "andel", "95 %-KI", "afventer", "ikke relevant", "kan ikke vurderes", ""};
  return {group, "compliant", "N", "rate", "95% CI", "pending", "not applicable", "undetermined", ""};
}

}  // namespace frist::cli
