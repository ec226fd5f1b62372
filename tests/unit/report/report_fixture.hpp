// Shared by the report unit tests: compiling shipped rulesets into a bundle,
// running the report pipeline (ReportProcessor + Aggregator through the
// driver) over a case file, and scratch files that clean up after themselves.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "compiler/compile.hpp"
#include "runtime/eval/driver.hpp"
#include "runtime/io/case_source.hpp"
#include "runtime/report/aggregator.hpp"
#include "runtime/report/report_json.hpp"
#include "tests/unit/support/files.hpp"

namespace frist::report_test {

using test_support::slurp;
using test_support::ScratchDir;

struct ReportFixture {
  std::unique_ptr<time::Zone> zone;
  std::unique_ptr<eval::Bundle> bundle;

  explicit ReportFixture(const std::vector<std::string>& names) {
    auto z = time::Zone::load();
    REQUIRE(z);
    zone = std::make_unique<time::Zone>(std::move(*z));
    std::vector<std::shared_ptr<const bytecode::CompiledRuleset>> rulesets;
    compiler::CompileOptions options;
    options.home = FRIST_SOURCE_ROOT;
    for (const std::string& n : names) {
      compiler::DiagnosticSink sink;
      auto c = compiler::compile_file(std::string(FRIST_SOURCE_ROOT "/rulesets/") + n + ".frist", options, *zone, sink);
      INFO(n);
      REQUIRE(c.ruleset);
      rulesets.push_back(c.ruleset);
    }
    auto b = eval::Bundle::create(rulesets, names, *zone);
    REQUIRE(b);
    bundle = std::move(*b);
  }

  report::Report run(const std::string& path, const std::string& group_by = "kommune", unsigned threads = 2,
                     const char* as_of = "2024-12-31") {
    io::OpenOptions open;
    open.path = path;
    open.format = io::InputFormat::Jsonl;
    auto input = io::open_input(open, bundle->vocabulary(), *zone);
    REQUIRE(input);
    eval::DriveOptions o;
    o.threads = threads;
    o.batch_size = 7;  // several batches even for small files
    o.as_of = *time::parse_date(as_of);
    const std::uint32_t attr = group_by.empty() ? model::Vocabulary::kNotFound : bundle->vocabulary().find_case_attribute(group_by);
    report::Aggregator aggregator(*bundle, o.as_of, group_by);
    const eval::Bundle& b = *bundle;
    auto s = eval::drive(*input, b, o, [&] { return std::make_unique<report::ReportProcessor>(b, attr); }, aggregator);
    REQUIRE(s);
    return aggregator.finish(*s);
  }
};

// The lines of a file, without blank ones.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

inline std::string join(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < lines.size(); ++i) out += lines[i] + "\n";
  return out;
}

}  // namespace frist::report_test
