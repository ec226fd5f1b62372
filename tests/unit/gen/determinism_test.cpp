// `frist gen` is deterministic: the same request gives the same bytes, case i
// depends on (seed, i) only, and fewer cases give a prefix of more cases.
#include <catch2/catch.hpp>

#include <memory>

#include "cli/gen/calendar.hpp"
#include "cli/gen/random.hpp"
#include "tests/unit/gen/gen_support.hpp"

namespace frist::gen {
namespace {

using testing::generate;
using testing::split_lines;

// FNV-1a, to pin the output without storing it.
std::uint64_t fingerprint(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

TEST_CASE("the same seed gives byte-identical output in every format", "[gen]") {
  for (const auto format : {OutputFormat::Jsonl, OutputFormat::Csv, OutputFormat::Xes}) {
    const auto a = generate(format, 700, 7);
    const auto b = generate(format, 700, 7);
    REQUIRE(a.text.size() > 1000);
    CHECK(a.text == b.text);
    CHECK(generate(format, 700, 8).text != a.text);
  }
}

TEST_CASE("fewer cases give a prefix of more cases", "[gen]") {
  for (const auto format : {OutputFormat::Jsonl, OutputFormat::Csv}) {
    const auto small = generate(format, 300, 5);
    const auto large = generate(format, 1500, 5);
    CHECK(large.text.compare(0, small.text.size(), small.text) == 0);
  }
  // XES: everything before the closing </log>.
  const auto small = generate(OutputFormat::Xes, 300, 5);
  const auto large = generate(OutputFormat::Xes, 1500, 5);
  const std::string_view closing = "</log>\n";
  REQUIRE(small.text.ends_with(closing));
  const auto body = std::string_view(small.text).substr(0, small.text.size() - closing.size());
  CHECK(std::string_view(large.text).substr(0, body.size()) == body);
}

TEST_CASE("case i is generated from the seed and i alone", "[gen]") {
  const auto all = generate(OutputFormat::Jsonl, 400, 11);
  const auto lines = split_lines(all.text);
  REQUIRE(lines.size() == 400);
  auto record = std::make_unique<CaseRecord>();
  GeneratorOptions options;
  options.seed = 11;
  // Generated out of order, the records still match their lines' case ids.
  for (const std::uint64_t i : {399u, 0u, 123u, 7u}) {
    generate_case(options, i, *record);
    char id[32];
    const std::string prefix = "{\"case\":\"" + std::string(id, format_case_id(*record, id)) + "\"";
    CHECK(lines[i].substr(0, prefix.size()) == prefix);
  }
}

TEST_CASE("bad lines damage a case without changing the others", "[gen]") {
  const auto clean_output = generate(OutputFormat::Jsonl, 2000, 3, 0);
  const auto clean = split_lines(clean_output.text);
  const auto faulty = generate(OutputFormat::Jsonl, 2000, 3, 20'000);
  const auto lines = split_lines(faulty.text);
  REQUIRE(clean.size() == lines.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) differing += lines[i] != clean[i] ? 1 : 0;
  CHECK(differing == faulty.summary.malformed);
  CHECK(differing > 10);
}

// Pins the bytes: a change here means the generated data changed. That is
// fine when the model was changed on purpose (update the number); it is a bug
// when only the compiler, the platform or the standard library changed.
TEST_CASE("the output for a fixed seed is pinned", "[gen]") {
  const auto jsonl = generate(OutputFormat::Jsonl, 200, 42);
  CHECK(jsonl.summary.events > 2000);
  CHECK(fingerprint(jsonl.text) == 8317210860529740296ULL);
}

TEST_CASE("the generator's random numbers and summer time are its own", "[gen]") {
  Random r = Random::for_case(1, 0, RandomStream::Timeline);
  Random same = Random::for_case(1, 0, RandomStream::Timeline);
  for (int i = 0; i < 100; ++i) CHECK(r.next() == same.next());
  for (int i = 0; i < 10000; ++i) {
    const int x = r.between(-3, 3);
    CHECK((x >= -3 && x <= 3));
    CHECK(r.below(1) == 0u);
  }
  CHECK(last_sunday_of(2024, 3) == days_from_civil(2024, 3, 31));
  CHECK(last_sunday_of(2024, 10) == days_from_civil(2024, 10, 27));
  // Summer time changes on 2023-03-26 and 2023-10-29 at 01:00 UTC.
  CHECK(copenhagen_offset_seconds(days_from_civil(2023, 3, 26), 1 * 3600) == 3600);
  CHECK(copenhagen_offset_seconds(days_from_civil(2023, 3, 26), 4 * 3600) == 7200);
  CHECK(copenhagen_offset_seconds(days_from_civil(2023, 10, 29), 1 * 3600) == 7200);
  CHECK(copenhagen_offset_seconds(days_from_civil(2023, 10, 29), 4 * 3600) == 3600);
}

}  // namespace
}  // namespace frist::gen
