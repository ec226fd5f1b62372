// Unit tests for the evaluation driver's ordering: for any number of threads
// and any batch size, the consumer sees every case once, in input order,
// never from two threads at once, with end_batch after each batch's cases;
// duplicate ids are decided in input order (a later duplicate's formatted
// text becomes its rejection, even when the first occurrence was in another
// batch), and the counts are the same.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/compile.hpp"
#include "runtime/eval/driver.hpp"
#include "runtime/io/case_source.hpp"
#include "tests/unit/support/files.hpp"

namespace {

using namespace frist;

// Formats each case as one line naming it and its verdicts.
class LineProcessor : public eval::CaseProcessor {
 public:
  void evaluated(const model::CaseTimeline& timeline, eval::Evaluator& evaluator, const eval::Coverage& coverage,
                 eval::CaseResult& out) override {
    out.text = fmt::format("{} line {}:", timeline.id, out.line);
    for (std::uint32_t m : coverage.members) {
      evaluator.evaluate(m, results_);
      for (const vm::RuleResult& r : results_) out.text += fmt::format(" {}", vm::verdict_name(r.outcome.verdict));
    }
    out.text += '\n';
  }
  void format_rejected(eval::CaseResult& out) override { out.text += fmt::format("rejected line {}: {}\n", out.line, out.reason); }
  void format_uncovered(eval::CaseResult& out) override { out.text += fmt::format("uncovered line {}\n", out.line); }

 private:
  std::vector<vm::RuleResult> results_;
};

class OrderConsumer : public eval::CaseConsumer {
 public:
  std::string text;
  std::vector<std::uint64_t> sequences;
  std::size_t batches = 0;
  std::size_t pending = 0;  // cases consumed since the last end_batch
  bool overlapped = false;

  void consume(const eval::CaseResult& r) override {
    if (busy_.exchange(true)) overlapped = true;
    sequences.push_back(r.sequence);
    text += r.text;
    ++pending;
    busy_.store(false);
  }
  void end_batch() override {
    if (busy_.exchange(true)) overlapped = true;
    if (pending > 0) ++batches;
    pending = 0;
    busy_.store(false);
  }

 private:
  std::atomic<bool> busy_{false};
};

}  // namespace

TEST_CASE("driver: input order, duplicates and counts for any threads and batch size", "[eval][driver]") {
  auto zone = time::Zone::load();
  REQUIRE(zone);
  compiler::CompileOptions options;
  options.home = FRIST_SOURCE_ROOT;
  compiler::DiagnosticSink sink;
  auto compiled = compiler::compile_file(FRIST_SOURCE_ROOT "/rulesets/serviceloven.frist", options, *zone, sink);
  REQUIRE(compiled.ruleset);
  auto bundle = eval::Bundle::create({compiled.ruleset}, {"serviceloven"}, *zone);
  REQUIRE(bundle);

  // 300 sample cases with duplicates near and far (the first occurrence in an
  // earlier batch), a duplicate of a rejected line (not a duplicate) and bad lines.
  std::vector<std::string> lines;
  {
    std::istringstream sample(test_support::slurp(FRIST_SOURCE_ROOT "/samples/sager.jsonl"));
    std::string line;
    while (lines.size() < 300 && std::getline(sample, line)) lines.push_back(line);
  }
  REQUIRE(lines.size() == 300);
  std::string input;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    input += lines[i] + "\n";
    if (i == 5) input += lines[4] + "\n";      // next to its first occurrence
    if (i == 150) input += lines[2] + "\n";    // far from it
    if (i == 200) input += "{\"case\":\"broken\",\n";
    if (i == 201) input += "{\"case\":\"broken\",\n";
    if (i == 250) input += "not json\n";
  }
  input += lines[299] + "\n";  // the very last record
  test_support::ScratchDir dir;
  const std::string path = (dir.path / "cases.jsonl").string();
  std::ofstream(path, std::ios::binary) << input;

  const auto run = [&](unsigned threads, std::size_t batch_size, OrderConsumer& consumer) {
    io::OpenOptions open;
    open.path = path;
    open.format = io::InputFormat::Jsonl;
    auto opened = io::open_input(open, (*bundle)->vocabulary(), *zone);
    REQUIRE(opened);
    eval::DriveOptions o;
    o.threads = threads;
    o.batch_size = batch_size;
    o.as_of = *time::parse_date("2024-12-31");
    auto summary = eval::drive(*opened, **bundle, o, [] { return std::make_unique<LineProcessor>(); }, consumer);
    REQUIRE(summary);
    return *summary;
  };

  OrderConsumer reference;
  const eval::DriveSummary expected = run(1, 512, reference);
  CHECK(expected.read == 306);
  // Three bad lines, three duplicates, and the sample's own impossible date (line 85).
  CHECK(expected.rejected == 7);
  CHECK(expected.evaluated + expected.uncovered == 299);
  CHECK(reference.text.find("line 7: case id already read earlier in the input") != std::string::npos);
  CHECK(reference.text.find("line 153: case id already read earlier in the input") != std::string::npos);
  CHECK(reference.text.find("line 306: case id already read earlier in the input") != std::string::npos);

  for (const unsigned threads : {1u, 2u, 3u, 8u}) {
    for (const std::size_t batch_size : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{64}}) {
      INFO("threads " << threads << ", batch size " << batch_size);
      OrderConsumer consumer;
      const eval::DriveSummary s = run(threads, batch_size, consumer);
      CHECK(consumer.text == reference.text);
      CHECK(s.read == expected.read);
      CHECK(s.evaluated == expected.evaluated);
      CHECK(s.rejected == expected.rejected);
      CHECK(s.uncovered == expected.uncovered);
      CHECK_FALSE(consumer.overlapped);
      CHECK(consumer.pending == 0);
      CHECK(consumer.batches >= (306 + batch_size - 1) / batch_size);  // a source may return short batches
      bool in_order = true;
      for (std::size_t i = 0; i < consumer.sequences.size(); ++i) in_order = in_order && consumer.sequences[i] == i;
      CHECK(in_order);
      CHECK(consumer.sequences.size() == 306);
    }
  }
}
