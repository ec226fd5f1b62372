// Running the in-language tests of a `.frist` file (spec/language.md item 10):
// expression tests (`forvent påskedag(2024) = 2024-03-31`) are checked and
// run as functions of a scratch copy of the compiled file; rule tests build
// their inline case through the same CaseBuilder the readers use and
// evaluate it with the same VM as `frist run`. Tests never change the
// ruleset: nothing here is written to a compiled file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/program.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::cli {

struct TestResult {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string name;
  std::string target;          // the rule (or ruleset) tested, "" for expression tests
  bool passed = false;
  bool danish = true;
  std::string expected;        // as the user wrote it, in the file's language
  std::string actual;          // the verdict (or value) found
  std::string actual_reason;   // the reason behind it
  std::string error;           // a test that could not run (bad case data, unknown rule)
  std::string timeline;        // the case's events as evaluated (for failure output)
  // For coverage: which verdicts each rule was seen with in a passing test.
  std::vector<std::pair<std::string, vm::Verdict>> verdicts_seen;
};

struct FileTestReport {
  std::string file;
  bool compiled = true;        // false: diagnostics were printed, no test ran
  bool danish = true;          // the file's keyword language
  std::vector<TestResult> results;
  // The rules the file itself declares, in order (for coverage tables; an
  // amendment's inherited rules are covered by their own file's tests).
  std::vector<std::string> rule_ids;
  std::vector<std::uint8_t> rule_possible;  // bit per Verdict: what the rule can produce
};

// Runs every test of `path`. Diagnostics of a file that does not compile go
// to stderr.
FileTestReport run_file_tests(const std::string& path, const compiler::CompileOptions& options);

// Every .frist file under `paths` (files or folders, recursively), sorted.
std::vector<std::string> collect_test_files(const std::vector<std::string>& paths);

}  // namespace frist::cli
