// Compiling or reading the rulesets of a run into a bundle.
#include "cli/load_rulesets.hpp"

#include <fmt/core.h>

#include <chrono>
#include <fstream>
#include <iterator>

#include "cli/common.hpp"
#include "compiler/compile.hpp"

namespace frist::cli {
namespace {

// A `.fristc` file's bytes, but at most one more than bytecode::read_file
// accepts: a huge file is refused without being read whole.
std::vector<std::uint8_t> read_capped(std::ifstream& in) {
  std::vector<std::uint8_t> bytes;
  std::vector<char> block(1u << 16);
  while (in && bytes.size() <= bytecode::kMaxFileBytes) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    bytes.insert(bytes.end(), block.begin(), block.begin() + in.gcount());
  }
  return bytes;
}

}  // namespace

std::optional<LoadedBundle> load_bundle(const std::vector<std::string>& paths, const std::vector<std::string>& lib_dirs) {
  LoadedBundle out;
  auto zone = time::Zone::load();
  if (!zone) {
    fmt::print(stderr, "frist: {}\n", zone.error().message);
    return std::nullopt;
  }
  out.zone = std::make_unique<time::Zone>(std::move(*zone));
  std::vector<std::shared_ptr<const bytecode::CompiledRuleset>> rulesets;
  bool ok = true;
  for (const std::string& path : paths) {
    if (path.size() > 7 && path.substr(path.size() - 7) == ".fristc") {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        fmt::print(stderr, "frist: cannot read {}\n", path);
        ok = false;
        continue;
      }
      const std::vector<std::uint8_t> bytes = read_capped(in);
      auto r = bytecode::read_file(bytes);
      if (!r) {
        fmt::print(stderr, "frist: {}: {}\n", path, r.error().message);
        ok = false;
        continue;
      }
      rulesets.push_back(std::make_shared<const bytecode::CompiledRuleset>(std::move(*r)));
      continue;
    }
    compiler::DiagnosticSink sink;
    compiler::Compilation c = compiler::compile_file(path, compile_options(lib_dirs), *out.zone, sink);
    sink.sort_by_location();
    if (sink.has_errors() || !c.ruleset) {
      print_diagnostics(sink);
      if (!c.program) fmt::print(stderr, "frist: cannot read {}\n", path);
      else fmt::print(stderr, "frist: {} has errors; nothing was evaluated\n", path);
      ok = false;
      continue;
    }
    if (!c.program->ruleset_header()) {
      fmt::print(stderr, "frist: {} declares no ruleset (ruleset …); it is a module and cannot be run on its own\n", path);
      ok = false;
      continue;
    }
    rulesets.push_back(std::move(c.ruleset));
  }
  if (!ok) return std::nullopt;
  auto bundle = eval::Bundle::create(std::move(rulesets), paths, *out.zone);
  if (!bundle) {
    fmt::print(stderr, "frist: {}\n", bundle.error().message);
    return std::nullopt;
  }
  out.bundle = std::move(*bundle);
  return out;
}

std::optional<time::Days> parse_as_of(const std::string& text, const time::Zone& zone) {
  if (text.empty()) {
    const auto now = std::chrono::system_clock::now();
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
    return zone.local_date(micros);
  }
  return time::parse_date(text);
}

}  // namespace frist::cli
