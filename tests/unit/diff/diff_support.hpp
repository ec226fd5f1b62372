// Shared by the frist diff unit tests: compiling Frist sources written into
// a scratch folder and comparing them in-process, and running the `frist`
// binary (FRIST_BIN, set by ctest) for the tests that need whole runs.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "compiler/compile.hpp"
#include "compiler/diff/diff.hpp"
#include "tests/unit/support/files.hpp"

namespace frist::diff_test {

using test_support::slurp;
using test_support::ScratchDir;

// One compiled source; the checked program lives as long as this does.
struct Compiled {
  compiler::DiagnosticSink sink;
  compiler::Compilation compilation;
};

inline const time::Zone& test_zone() {
  static const time::Zone zone = [] {
    auto z = time::Zone::load();
    REQUIRE(z);
    return std::move(*z);
  }();
  return zone;
}

inline std::unique_ptr<Compiled> compile_path(const std::string& path) {
  auto c = std::make_unique<Compiled>();
  compiler::CompileOptions options;
  options.home = FRIST_SOURCE_ROOT;
  c->compilation = compiler::compile_file(path, options, test_zone(), c->sink);
  INFO(path);
  REQUIRE(c->compilation.checked);
  REQUIRE_FALSE(c->sink.has_errors());
  return c;
}

// Compares two sources given as text.
struct TextDiff {
  ScratchDir dir;
  std::unique_ptr<Compiled> old_side, new_side;
  compiler::diff::SemanticDiff diff;
  TextDiff(const std::string& old_text, const std::string& new_text) {
    old_side = compile_path(dir.write("old.frist", old_text));
    new_side = compile_path(dir.write("new.frist", new_text));
    diff = compiler::diff::compare_programs(*old_side->compilation.checked, *new_side->compilation.checked);
  }
};

inline const char* frist_bin() { return std::getenv("FRIST_BIN"); }

// Runs `frist <args>` from the source root with stdout to `out`; returns the exit code.
inline int run_frist(const std::string& args, const std::string& out) {
  const std::string command = "cd '" FRIST_SOURCE_ROOT "' && '" + std::string(frist_bin()) + "' " + args + " > '" + out + "' 2>/dev/null";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace frist::diff_test
