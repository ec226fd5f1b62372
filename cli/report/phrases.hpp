// The sentences every report format shares, in the report's language: the
// header ("pr. 31. december 2024", the rulesets with short hashes, the case
// counts), and per rule and group what a municipality's notat quotes —
// "overholdt i 1 ud af 6 sager (16,7 %)", the 95 % interval, why cases are
// outside N ("start ikke registreret: 4"), the small-N flag and the hjemmel
// marked "ikke verificeret". Plain text; each format escapes and styles it.
#pragma once

#include <string>
#include <vector>

#include "cli/report/locale.hpp"
#include "runtime/report/report.hpp"

namespace frist::cli {

struct ReportPhrases {
  const report::Report& report;
  Locale locale;

  std::string title() const;                          // "Frist — overholdelse af reglerne pr. 31. december 2024"
  std::string ruleset_line(std::size_t ruleset) const; // "serviceloven 2019.1 (cd569035) — Serviceloven — …"
  std::string cases_line() const;                     // "75 læst: 70 vurderet, 0 afvist, 5 ikke omfattet af et regelsæt"
  std::string grouping_line() const;                  // "kommune (12 grupper)" or "" when ungrouped
  std::vector<std::string> legend() const;            // what N, the interval and the flag mean

  // Labels of the header fields.
  const char* as_of_label() const noexcept { return locale.danish ? "Opgjort pr." : "As of"; }
  const char* rulesets_label() const noexcept { return locale.danish ? "Regelsæt" : "Rulesets"; }
  const char* cases_label() const noexcept { return locale.danish ? "Sager" : "Cases"; }
  const char* grouping_label() const noexcept { return locale.danish ? "Grupperet efter" : "Grouped by"; }

  std::string basis(std::size_t rule) const;          // "Hjemmel: SEL § 50, stk. 3 (ikke verificeret)"
  std::string basis_value(std::size_t rule) const;    // "SEL § 50, stk. 3 (ikke verificeret)"
  // "Overholdt i 1 ud af 6 sager (16,7 %), heraf 1 ved undtagelse" or "Ingen sager kunne vurderes (N = 0)".
  std::string measured(const report::RuleCounts& c) const;
  // "95 %-konfidensinterval: 3,0–56,4 %", or "" when N = 0.
  std::string interval(const report::RuleCounts& c) const;
  // "Af 52 vurderede sager står 46 uden for N: 2 afventer, 40 ikke relevant,
  // 4 kan ikke vurderes (start ikke registreret: 4)."
  std::string outside(const report::RuleCounts& c) const;
  // "For få sager til at generalisere" when flagged, else "".
  std::string flag(const report::RuleCounts& c) const;
  std::string flag_text() const;
  // The group's name: its value, "(ukendt)" for the null group.
  std::string group_name(const report::Group& g) const;
  // Short cells for tables: rate "16,7 %" or "–", interval "3,0–56,4 %" or "–".
  std::string rate_cell(const report::RuleCounts& c) const;
  std::string interval_cell(const report::RuleCounts& c) const;
  std::string reasons_cell(const report::RuleCounts& c) const;  // "start ikke registreret: 4; …"

  // Column headings of the per-group tables.
  struct Columns {
    std::string group, compliant, n, rate, ci, pending, not_applicable, undetermined, flag;
  };
  Columns columns() const;
};

}  // namespace frist::cli
