// Rule coverage for `frist test`: for every rule a file declares, which of
// the five verdicts its structure can produce (FileTestReport::rule_possible)
// and which a passing test of the same file showed (TestResult::
// verdicts_seen); a table of rule × verdict (✓ tested, – not possible,
// ✗ possible but untested) and the share of possible verdicts tested.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/testing/test_runner.hpp"

namespace frist::cli {

struct RuleCoverage {
  std::string rule;
  std::uint8_t possible = 0;  // bit per vm::Verdict
  std::uint8_t tested = 0;    // bit per vm::Verdict, only possible ones
};

struct FileCoverage {
  std::string file;
  bool danish = true;
  std::vector<RuleCoverage> rules;
};

struct CoverageTotal {
  std::size_t possible = 0;  // rule × verdict cells that can occur
  std::size_t tested = 0;    // of those, shown by a passing test
  double percent() const noexcept { return possible == 0 ? 100.0 : 100.0 * static_cast<double>(tested) / static_cast<double>(possible); }
};

// Coverage of the files that declare rules (files without rules are left out).
std::vector<FileCoverage> rule_coverage(const std::vector<FileTestReport>& reports);
CoverageTotal coverage_total(const std::vector<FileCoverage>& files);

// The table and the total line, in each file's language (the total in the
// first file's). `color` marks untested verdicts in red.
std::string render_coverage(const std::vector<FileCoverage>& files, bool color);

// "87,5 %" / "87.5 %".
std::string format_percent(double percent, bool danish);

}  // namespace frist::cli
