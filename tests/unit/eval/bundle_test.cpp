// spec/semantics.md §4: bundles of rulesets. Dated rulesets may not overlap
// and must find the case date the same way; each case goes to the one whose
// period contains its case date; undated rulesets evaluate every case; a
// case nothing covers is reported as uncovered, never dropped.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "compiler/compile.hpp"
#include "runtime/eval/bundle.hpp"
#include "runtime/io/case_builder.hpp"

namespace {

using namespace frist;
namespace fs = std::filesystem;

struct Env {
  fs::path dir;
  std::unique_ptr<time::Zone> zone;
  Env() {
    dir = fs::temp_directory_path() / fs::path("frist-bundle-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    zone = std::make_unique<time::Zone>(std::move(*time::Zone::load()));
  }
  ~Env() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::shared_ptr<const bytecode::CompiledRuleset> compile(const std::string& name, const std::string& text) {
    const fs::path p = dir / (name + ".frist");
    std::ofstream(p) << text;
    compiler::DiagnosticSink sink;
    compiler::CompileOptions options;
    options.home = FRIST_SOURCE_ROOT;
    auto c = compiler::compile_file(p.string(), options, *zone, sink);
    INFO(name);
    for (const auto& d : sink.diagnostics()) INFO(compiler::render_text(d, sink, false));
    std::string all;
    for (const auto& d : sink.diagnostics()) all += compiler::render_text(d, sink, false);
    INFO(all);
    REQUIRE(c.ruleset);
    return c.ruleset;
  }
};

const char* kVocabulary = R"(
hændelse afgørelse
hændelse notat
)";

std::string dated(const std::string& id, const std::string& period, const std::string& case_date = "første afgørelse ellers første hændelse") {
  return "sprog da\nregelsæt " + id + " \"x\"\n  version \"1\"\n  " + period + "\n  sagsdato " + case_date + "\n" + kVocabulary +
         "regel r \"r\"\n  kræv findes afgørelse\n";
}

model::CaseTimeline make_case(const eval::Bundle& b, const time::Zone& zone, std::vector<std::pair<std::string, std::string>> events) {
  io::ReadLimits limits;
  io::CaseBuilder builder(b.vocabulary(), zone, limits, io::InputStyle::Jsonl);
  model::CaseTimeline tl;
  io::ReadStats stats;
  builder.begin_case(1, tl, stats);
  builder.case_id("c");
  for (auto& [type, at] : events) {
    builder.begin_event();
    builder.event_type(type);
    builder.event_at(at);
    builder.end_event();
  }
  io::Rejection r;
  REQUIRE(builder.finish(r) == io::DecodeStatus::Case);
  return tl;
}

}  // namespace

TEST_CASE("overlapping effective periods are a load error", "[eval][bundle]") {
  Env env;
  auto a = env.compile("a", dated("a", "gælder til 2023-12-31"));
  auto b = env.compile("b", dated("b", "gælder fra 2023-06-01"));
  auto bundle = eval::Bundle::create({a, b}, {"a.frist", "b.frist"}, *env.zone);
  REQUIRE_FALSE(bundle);
  CHECK(bundle.error().message.find("overlap") != std::string::npos);
}

TEST_CASE("dated rulesets must find the case date the same way", "[eval][bundle]") {
  Env env;
  auto a = env.compile("a", dated("a", "gælder til 2023-12-31"));
  auto b = env.compile("b", dated("b", "gælder fra 2024-01-01", "første notat"));
  auto bundle = eval::Bundle::create({a, b}, {"a.frist", "b.frist"}, *env.zone);
  REQUIRE_FALSE(bundle);
  CHECK(bundle.error().message.find("case date differently") != std::string::npos);
}

TEST_CASE("each case goes to the law in force; undated rulesets see every case", "[eval][bundle]") {
  Env env;
  auto old_law = env.compile("gammel", dated("gammel", "gælder til 2023-12-31"));
  auto new_law = env.compile("ny", dated("ny", "gælder fra 2024-01-01"));
  auto always = env.compile("altid", std::string("sprog da\nregelsæt altid \"x\"\n  version \"1\"\n") + kVocabulary +
                                         "regel r \"r\"\n  kræv findes notat\n");
  auto bundle = eval::Bundle::create({old_law, new_law, always}, {"g", "n", "a"}, *env.zone);
  REQUIRE(bundle);
  eval::Evaluator ev(**bundle);
  const time::Days as_of = *time::parse_date("2024-12-31");

  // Case date = first decision (2023) even though a later note is from 2024.
  auto c2023 = make_case(**bundle, *env.zone, {{"notat", "2024-02-01"}, {"afgørelse", "2023-12-31"}});
  CHECK(ev.cover(c2023, as_of).members == std::vector<std::uint32_t>{0, 2});
  // 2023-12-31T23:30Z is 1 January 2024 in Copenhagen.
  auto c2024 = make_case(**bundle, *env.zone, {{"afgørelse", "2023-12-31T23:30Z"}});
  CHECK(ev.cover(c2024, as_of).members == std::vector<std::uint32_t>{1, 2});
  // No decision: the first event of a declared type.
  auto note_only = make_case(**bundle, *env.zone, {{"notat", "2022-05-01"}});
  CHECK(ev.cover(note_only, as_of).members == std::vector<std::uint32_t>{0, 2});
  // Events after the as-of date are not seen, so the case has no case date;
  // only the undated ruleset covers it.
  auto future = make_case(**bundle, *env.zone, {{"afgørelse", "2025-03-01"}});
  const eval::Coverage& cov = ev.cover(future, as_of);
  CHECK(cov.members == std::vector<std::uint32_t>{2});
  CHECK_FALSE(cov.case_date.has_value());
}

TEST_CASE("a case outside every period is uncovered, with the reason", "[eval][bundle]") {
  Env env;
  auto new_law = env.compile("ny", dated("ny", "gælder fra 2024-01-01"));
  auto bundle = eval::Bundle::create({new_law}, {"ny.frist"}, *env.zone);
  REQUIRE(bundle);
  eval::Evaluator ev(**bundle);
  const time::Days as_of = *time::parse_date("2024-12-31");
  auto old_case = make_case(**bundle, *env.zone, {{"afgørelse", "2023-05-01"}});
  const eval::Coverage& a = ev.cover(old_case, as_of);
  CHECK(a.members.empty());
  CHECK(a.uncovered_reason.find("2023-05-01") != std::string::npos);
  auto empty = make_case(**bundle, *env.zone, {});
  const eval::Coverage& b = ev.cover(empty, as_of);
  CHECK(b.members.empty());
  CHECK(b.uncovered_reason.find("ingen hændelse") != std::string::npos);
}

TEST_CASE("the same ruleset twice in a bundle is an error", "[eval][bundle]") {
  Env env;
  auto a = env.compile("a", dated("a", "gælder til 2023-12-31"));
  auto bundle = eval::Bundle::create({a, a}, {"a.frist", "a.frist"}, *env.zone);
  REQUIRE_FALSE(bundle);
  CHECK(bundle.error().message.find("already loaded") != std::string::npos);
}
