// `frist test [PATH…]`: run the in-language tests of rulesets and modules
// (default: rulesets/ and stdlib/), print each failure with its location,
// the expected and actual verdict and the actual reasoning, then the rule
// coverage table (which verdicts each rule can produce, and which a passing
// test shows), end with "N passed, N failed"; exit 1 on any failure or with
// --min-coverage below the minimum; --junit writes JUnit XML.
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/testing/coverage.hpp"
#include "cli/testing/junit.hpp"
#include "cli/testing/test_runner.hpp"

namespace frist::cli {
namespace {

struct TestOptions {
  std::vector<std::string> paths;
  std::vector<std::string> lib_dirs;
  std::string junit;
  double min_coverage = -1;  // none
};

int run_test(const TestOptions& o) {
  std::vector<std::string> paths = o.paths;
  if (paths.empty()) {
    for (const char* d : {"rulesets", "stdlib"}) {
      std::error_code ec;
      if (std::filesystem::is_directory(d, ec)) paths.emplace_back(d);
      else paths.push_back((std::filesystem::path(compiler::default_home()) / d).string());
    }
  }
  const std::vector<std::string> files = collect_test_files(paths);
  if (files.empty()) {
    fmt::print(stderr, "frist test: no .frist files found\n");
    return 2;
  }
  std::size_t passed = 0, failed = 0;
  std::vector<FileTestReport> reports;
  const bool color = is_terminal(stdout);
  for (const std::string& f : files) {
    FileTestReport rep = run_file_tests(f, compile_options(o.lib_dirs));
    if (!rep.compiled) {
      ++failed;
      fmt::print("{}FAIL{} {}: the file does not compile (see the diagnostics above)\n", color ? "\x1b[1;31m" : "", color ? "\x1b[0m" : "", f);
    }
    for (const TestResult& r : rep.results) {
      if (r.passed) {
        ++passed;
        continue;
      }
      ++failed;
      fmt::print("{}FAIL{} {}:{}:{}  test \"{}\"{}\n{}", color ? "\x1b[1;31m" : "", color ? "\x1b[0m" : "", r.file, r.line, r.column,
                 r.name, r.target.empty() ? "" : fmt::format(" ({})", r.target), failure_text(r));
    }
    reports.push_back(std::move(rep));
  }
  if (!o.junit.empty()) {
    std::ofstream x(o.junit, std::ios::binary | std::ios::trunc);
    x << junit_xml(reports);
    if (!x.flush()) {
      fmt::print(stderr, "frist test: cannot write {}\n", o.junit);
      return 2;
    }
  }
  bool below_minimum = false;
  const std::vector<FileCoverage> coverage = rule_coverage(reports);
  if (!coverage.empty()) {
    fmt::print("\n{}", render_coverage(coverage, color));
    const CoverageTotal total = coverage_total(coverage);
    if (o.min_coverage >= 0 && total.percent() + 1e-9 < o.min_coverage) {
      below_minimum = true;
      const bool da = coverage.front().danish;
      fmt::print(stderr, fmt::runtime(da ? "frist test: dækningen {} er under minimum {}\n" : "frist test: coverage {} is below the minimum {}\n"),
                 format_percent(total.percent(), da), format_percent(o.min_coverage, da));
    }
  }
  fmt::print("{} passed, {} failed\n", passed, failed);
  return failed > 0 || below_minimum ? 1 : 0;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<TestOptions>();
  CLI::App* sub = app.add_subcommand("test", "Run the in-language tests of rulesets and modules");
  sub->footer(
      "Examples:\n"
      "  frist test                              # rulesets/ and stdlib/\n"
      "  frist test rulesets/serviceloven.frist --junit test-results.xml\n"
      "  frist test rulesets --min-coverage 90       # CI: every rule tested for (nearly) every verdict it can give\n"
      "Exit codes: 0 all passed, 1 a test failed or coverage below --min-coverage, 2 no files or unwritable output.");
  sub->add_option("PATH", o->paths, "Files or folders (searched recursively for .frist files)");
  sub->add_option("--junit", o->junit, "Also write the results as JUnit XML to this file");
  sub->add_option("--min-coverage", o->min_coverage,
                  "Exit 1 when less than this percentage of the verdicts the rules can produce is shown by a passing test")
      ->check(CLI::Range(0.0, 100.0));
  add_lib_option(sub, o->lib_dirs);
  sub->callback([o, &exit_code] { exit_code = run_test(*o); });
}

}  // namespace frist::cli
