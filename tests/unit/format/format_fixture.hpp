// Shared helpers of the formatter tests: the repository's well-formed Frist
// files, a scratch folder, and compiling a source text to bytecode bytes
// without its source hash and debug table (the formatter's meaning check).
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/compile.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/time/zone.hpp"

namespace frist::format_test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every .frist file of the repository that is meant to parse: the shipped
// rulesets and stdlib, the accepted-constructs golden files, the semantics
// and process-mining tests, and the formatter's own golden inputs (messy on
// purpose). Not the golden error cases.
inline std::vector<fs::path> well_formed_sources() {
  const fs::path root = FRIST_SOURCE_ROOT;
  std::vector<fs::path> out;
  for (const char* dir : {"rulesets", "stdlib", "tests/golden/ok", "tests/semantics", "tests/processmining"}) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root / dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file() && it->path().extension() == ".frist") out.push_back(it->path());
  }
  std::error_code ec;
  for (auto it = fs::directory_iterator(root / "tests/golden", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (!it->is_directory() || it->path().filename().string().rfind("fmt", 0) != 0) continue;
    for (const auto& f : fs::directory_iterator(it->path()))
      if (f.path().extension() == ".frist") out.push_back(f.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A scratch folder removed at the end of the test.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("frist-format-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
};

// Compiles `text` as if it were the file `original` (same file name, its
// folder searched for modules) and returns the bytecode without source hash
// and debug table — and, with `any_language`, without the keyword language
// recorded for messages. nullopt when it does not compile.
class Compiler {
 public:
  Compiler() : zone_(std::make_unique<time::Zone>(std::move(*time::Zone::load()))) {}

  std::optional<std::vector<std::uint8_t>> bytes(const fs::path& original, const std::string& text, bool any_language) {
    // Always the same path, so the path strings in the pool are equal too.
    const fs::path p = scratch_.path / original.filename();
    {
      std::ofstream out(p, std::ios::binary | std::ios::trunc);
      out << text;
    }
    compiler::DiagnosticSink sink;
    compiler::CompileOptions options;
    options.home = FRIST_SOURCE_ROOT;
    options.lib_dirs = {original.parent_path().string()};
    auto c = compiler::compile_file(p.string(), options, *zone_, sink);
    if (!c.ruleset) return std::nullopt;
    bytecode::CompiledRuleset r = *c.ruleset;
    bytecode::strip_source_info(r);
    if (any_language) r.meta.language = 0;
    return bytecode::write_file(r);
  }

 private:
  ScratchDir scratch_;
  std::unique_ptr<time::Zone> zone_;
};

}  // namespace frist::format_test
