// Replays every input in tests/fuzz/regressions/<target>/ through the same
// target function the fuzzer runs (tests/fuzz/targets.hpp), so a crash once
// found by libFuzzer stays a test in the Release and sanitizer trees, where
// libFuzzer is not built. A file there is a crash or hang that was fixed; its
// name says what it was (docs/robustness.md lists them).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fuzz/targets.hpp"

namespace fs = std::filesystem;
using frist::fuzz::Target;

namespace {

std::vector<fs::path> inputs_of(const std::string& target) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(FRIST_SOURCE_ROOT) / "tests/fuzz/regressions" / target;
  if (!fs::is_directory(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replay(const std::string& name, Target target) {
  for (const fs::path& input : inputs_of(name)) {
    INFO("replaying " << input.string());
    frist::fuzz::run_target(target, bytes_of(input));
    SUCCEED();
  }
}

}  // namespace

TEST_CASE("fuzz regressions: compile", "[robustness][fuzz]") { replay("compile", Target::Compile); }
TEST_CASE("fuzz regressions: bytecode", "[robustness][fuzz]") { replay("bytecode", Target::Bytecode); }
TEST_CASE("fuzz regressions: jsonl", "[robustness][fuzz]") { replay("jsonl", Target::Jsonl); }
TEST_CASE("fuzz regressions: csv", "[robustness][fuzz]") { replay("csv", Target::Csv); }
TEST_CASE("fuzz regressions: xes", "[robustness][fuzz]") { replay("xes", Target::Xes); }
