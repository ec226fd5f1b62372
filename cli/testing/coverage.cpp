// Rule coverage of in-language tests: collection and the text table.
#include "cli/testing/coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "runtime/common/utf8.hpp"

namespace frist::cli {
namespace {

constexpr std::array kColumns{vm::Verdict::Compliant, vm::Verdict::Violated, vm::Verdict::Pending,
                              vm::Verdict::NotApplicable, vm::Verdict::Undetermined};

std::uint8_t bit(vm::Verdict v) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(v)); }

const char* header(vm::Verdict v, bool da) {
  switch (v) {
    case vm::Verdict::Compliant: return da ? "overholdt" : "compliant";
    case vm::Verdict::Violated: return da ? "ikke overholdt" : "violated";
    case vm::Verdict::Pending: return da ? "afventer" : "pending";
    case vm::Verdict::NotApplicable: return da ? "ikke relevant" : "not applicable";
    case vm::Verdict::Undetermined: return da ? "kan ikke vurderes" : "undetermined";
  }
  return "?";
}

std::size_t width(std::string_view s) { return count_code_points(s); }

std::string pad_right(std::string_view s, std::size_t w) {
  std::string out(s);
  out.append(w > width(s) ? w - width(s) : 0, ' ');
  return out;
}

}  // namespace

std::vector<FileCoverage> rule_coverage(const std::vector<FileTestReport>& reports) {
  std::vector<FileCoverage> out;
  for (const FileTestReport& rep : reports) {
    if (rep.rule_ids.empty()) continue;
    FileCoverage fc;
    fc.file = rep.file;
    fc.danish = rep.danish;
    for (std::size_t i = 0; i < rep.rule_ids.size(); ++i) {
      RuleCoverage rc;
      rc.rule = rep.rule_ids[i];
      rc.possible = i < rep.rule_possible.size() ? rep.rule_possible[i] : 0;
      for (const TestResult& r : rep.results) {
        if (!r.passed) continue;
        for (const auto& [rule, verdict] : r.verdicts_seen)
          if (rule == rc.rule) rc.tested |= bit(verdict);
      }
      rc.tested &= rc.possible;
      fc.rules.push_back(std::move(rc));
    }
    out.push_back(std::move(fc));
  }
  return out;
}

CoverageTotal coverage_total(const std::vector<FileCoverage>& files) {
  CoverageTotal t;
  for (const FileCoverage& f : files) {
    for (const RuleCoverage& r : f.rules) {
      for (vm::Verdict v : kColumns) {
        if ((r.possible & bit(v)) == 0) continue;
        ++t.possible;
        if ((r.tested & bit(v)) != 0) ++t.tested;
      }
    }
  }
  return t;
}

std::string format_percent(double percent, bool danish) {
  std::string s = fmt::format("{:.1f}", percent);
  if (danish) std::replace(s.begin(), s.end(), '.', ',');
  return s + " %";
}

std::string render_coverage(const std::vector<FileCoverage>& files, bool color) {
  if (files.empty()) return {};
  const bool da = files.front().danish;
  std::string out = da ? "Dækning: de udfald, hver regel kan give, og om en bestået test viser dem\n"
                         "(✓ prøvet, – kan ikke forekomme, ✗ kan forekomme, men er ikke prøvet)\n"
                       : "Coverage: the verdicts each rule can produce, and whether a passing test shows them\n"
                         "(✓ tested, – cannot occur, ✗ can occur but untested)\n";
  for (const FileCoverage& f : files) {
    std::size_t name_width = width(f.danish ? "regel" : "rule");
    for (const RuleCoverage& r : f.rules) name_width = std::max(name_width, width(r.rule));
    out += fmt::format("{}\n  {}", f.file, pad_right(f.danish ? "regel" : "rule", name_width));
    for (vm::Verdict v : kColumns) out += fmt::format("  {}", header(v, f.danish));
    out += '\n';
    for (const RuleCoverage& r : f.rules) {
      std::string line = "  " + pad_right(r.rule, name_width);
      for (vm::Verdict v : kColumns) {
        const std::size_t w = width(header(v, f.danish));
        const std::size_t left = (w - 1) / 2;
        std::string mark = "–";
        if ((r.possible & bit(v)) != 0) mark = (r.tested & bit(v)) != 0 ? "✓" : (color ? "\x1b[1;31m✗\x1b[0m" : "✗");
        line += "  " + std::string(left, ' ') + mark + std::string(w - 1 - left, ' ');
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + '\n';
    }
  }
  const CoverageTotal t = coverage_total(files);
  out += da ? fmt::format("Dækning i alt: {} ({} af {} mulige udfald prøvet)\n", format_percent(t.percent(), true), t.tested, t.possible)
            : fmt::format("Total coverage: {} ({} of {} possible verdicts tested)\n", format_percent(t.percent(), false), t.tested,
                          t.possible);
  return out;
}

}  // namespace frist::cli
