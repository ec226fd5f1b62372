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
#include <utility>
#include <vector>

#include "compiler/compile.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/time/zone.hpp"
#include "tests/unit/support/files.hpp"

namespace frist::format_test {

namespace fs = std::filesystem;

using test_support::slurp;

// The repository's exceptions to "every .frist file is formatted":
// tests/golden/fmt/excluded.txt, one file a line as `PATH KIND WHY`, KIND
// `malformed` (does not parse) or `unformatted` (parses; its layout is the
// point of a test). Returns (path from the source root, kind) pairs.
inline std::vector<std::pair<std::string, std::string>> formatting_exceptions() {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream lines(slurp(fs::path(FRIST_SOURCE_ROOT) / "tests/golden/fmt/excluded.txt"));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string path, kind;
    if (!(words >> path) || path[0] == '#') continue;
    words >> kind;
    out.emplace_back(path, kind);
  }
  return out;
}

// Every .frist file of the source tree that is meant to parse, in any folder
// (build trees, that is top-level folders with a CMakeCache.txt, and hidden
// folders aside): the shipped rulesets and stdlib, the golden tests and their
// fixtures (name and type errors included: they parse), the semantics,
// process-mining and fuzz-regression sources — all but the `malformed` files
// of formatting_exceptions(). The `unformatted` ones (messy on purpose) stay
// in: they are good inputs for the formatter. golden.fmt/repository_is_formatted
// (tests/golden/fmt/repository_is_formatted.cmake) walks the tree the same way.
inline std::vector<fs::path> well_formed_sources() {
  const fs::path root = FRIST_SOURCE_ROOT;
  std::vector<std::string> malformed;
  for (const auto& [path, kind] : formatting_exceptions())
    if (kind == "malformed") malformed.push_back(path);
  std::vector<fs::path> out;
  auto add = [&](const fs::path& file) {
    const std::string rel = fs::relative(file, root).generic_string();
    if (file.extension() == ".frist" && std::find(malformed.begin(), malformed.end(), rel) == malformed.end())
      out.push_back(file);
  };
  std::error_code ec;
  for (auto top = fs::directory_iterator(root, ec); !ec && top != fs::directory_iterator(); top.increment(ec)) {
    const fs::path& entry = top->path();
    if (entry.filename().string().rfind('.', 0) == 0) continue;
    if (top->is_regular_file()) add(entry);
    if (!top->is_directory() || fs::exists(entry / "CMakeCache.txt")) continue;  // a build tree
    std::error_code ec2;
    for (auto it = fs::recursive_directory_iterator(entry, ec2); !ec2 && it != fs::recursive_directory_iterator(); it.increment(ec2))
      if (it->is_regular_file()) add(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

using test_support::ScratchDir;

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
