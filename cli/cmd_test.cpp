// `frist test [PATH…]`: run the in-language tests of rulesets and modules
// (default: rulesets/ and stdlib/), print each failure with its location,
// the expected and actual verdict and the actual reasoning, end with
// "N passed, N failed", exit 1 on any failure; --junit writes JUnit XML.
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/testing/test_runner.hpp"

namespace frist::cli {
namespace {

struct TestOptions {
  std::vector<std::string> paths;
  std::vector<std::string> lib_dirs;
  std::string junit;
};

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string failure_text(const TestResult& r) {
  const bool da = r.danish;
  std::string out;
  if (!r.error.empty()) return fmt::format("    {}\n", r.error);
  out += fmt::format("    {}: {}\n", da ? "forventet" : "expected", r.expected);
  out += fmt::format("    {}:   {}{}{}\n", da ? "faktisk" : "actual  ", r.actual, r.actual_reason.empty() ? "" : " — ", r.actual_reason);
  if (!r.timeline.empty()) out += fmt::format("    {}:\n{}", da ? "sagens forløb" : "the case's timeline", r.timeline);
  return out;
}

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
    std::ofstream x(o.junit);
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x << fmt::format("<testsuites name=\"frist test\" tests=\"{}\" failures=\"{}\">\n", passed + failed, failed);
    for (const FileTestReport& rep : reports) {
      std::size_t fails = rep.compiled ? 0 : 1;
      for (const TestResult& r : rep.results) fails += r.passed ? 0 : 1;
      x << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n", xml_escape(rep.file),
                       rep.results.size() + (rep.compiled ? 0 : 1), fails);
      if (!rep.compiled) {
        x << fmt::format("    <testcase classname=\"{0}\" name=\"compile\"><failure message=\"does not compile\"/></testcase>\n",
                         xml_escape(rep.file));
      }
      for (const TestResult& r : rep.results) {
        x << fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"", xml_escape(rep.file),
                         xml_escape(r.name + (r.target.empty() ? "" : " (" + r.target + ")")), xml_escape(r.file), r.line);
        if (r.passed) {
          x << "/>\n";
        } else {
          const std::string msg = r.error.empty() ? "expected " + r.expected + ", got " + r.actual : r.error;
          x << fmt::format("><failure message=\"{}\">{}</failure></testcase>\n", xml_escape(msg), xml_escape(failure_text(r)));
        }
      }
      x << "  </testsuite>\n";
    }
    x << "</testsuites>\n";
    if (!x) {
      fmt::print(stderr, "frist test: cannot write {}\n", o.junit);
      return 2;
    }
  }
  fmt::print("{} passed, {} failed\n", passed, failed);
  return failed > 0 ? 1 : 0;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<TestOptions>();
  CLI::App* sub = app.add_subcommand("test", "Run the in-language tests of rulesets and modules");
  sub->footer(
      "Examples:\n"
      "  frist test                              # rulesets/ and stdlib/\n"
      "  frist test rulesets/serviceloven.frist --junit test-results.xml\n"
      "Exit codes: 0 all passed, 1 a test failed, 2 no files or unwritable output.");
  sub->add_option("PATH", o->paths, "Files or folders (searched recursively for .frist files)");
  sub->add_option("--junit", o->junit, "Also write the results as JUnit XML to this file");
  add_lib_option(sub, o->lib_dirs);
  sub->callback([o, &exit_code] { exit_code = run_test(*o); });
}

}  // namespace frist::cli
