// Property tests of the formatter over every well-formed .frist file of the
// repository, in both keyword languages: formatting is idempotent, keeps
// the compiled rules (bytecode without source hash and debug table), and
// `--to` the other language and back returns the formatted file.
#include <catch2/catch.hpp>

#include "compiler/format/format.hpp"
#include "format_fixture.hpp"

using namespace frist;
using namespace frist::format_test;
using compiler::format::FormatOptions;
using compiler::format::format_source;
using grammar::Lang;

namespace {

std::string formatted(const std::string& text, std::optional<Lang> to = std::nullopt) {
  FormatOptions o;
  o.to = to;
  const auto r = format_source(text, o);
  REQUIRE(r.parsed);
  for (const auto& p : r.problems) INFO(p.message);
  REQUIRE(r.problems.empty());
  return r.text;
}

}  // namespace

TEST_CASE("every well-formed file formats idempotently, to the same rules, in both languages", "[format][property]") {
  const std::vector<fs::path> files = well_formed_sources();
  REQUIRE(files.size() >= 50);  // every folder, not just a few
  Compiler compiler;
  std::size_t compared = 0;
  for (const fs::path& path : files) {
    INFO(path.string());
    const std::string original = slurp(path);
    const Lang lang = format_source(original).lang;
    const Lang other = lang == Lang::Da ? Lang::En : Lang::Da;

    const std::string once = formatted(original);
    CHECK(formatted(once) == once);

    const std::string there = formatted(original, other);
    CHECK(formatted(there) == there);
    CHECK(formatted(there, other) == there);
    // Back again: the formatted file (with its language line written out).
    CHECK(formatted(there, lang) == formatted(original, lang));
    if (grammar::detect_language(original).declared) CHECK(formatted(there, lang) == once);

    const auto before = compiler.bytes(path, original, false);
    if (!before) continue;  // a module that only compiles as part of another
    const auto after = compiler.bytes(path, once, false);
    REQUIRE(after);
    CHECK(*after == *before);
    const auto translated = compiler.bytes(path, there, true);
    REQUIRE(translated);
    CHECK(*translated == *compiler.bytes(path, original, true));
    ++compared;
  }
  CHECK(compared >= 10);  // the rulesets, stdlib modules and semantics tests compile on their own
}

TEST_CASE("the exceptions to formatting in tests/golden/fmt/excluded.txt are still exceptions", "[format]") {
  const auto exceptions = formatting_exceptions();
  REQUIRE(!exceptions.empty());
  for (const auto& [path, kind] : exceptions) {
    INFO(path << " (" << kind << ")");
    const fs::path file = fs::path(FRIST_SOURCE_ROOT) / path;
    REQUIRE(fs::is_regular_file(file));
    const std::string text = slurp(file);
    const auto r = format_source(text);
    if (kind == "malformed") {
      CHECK_FALSE(r.parsed);  // parses after all: format it and drop the line
    } else {
      REQUIRE(kind == "unformatted");
      REQUIRE(r.parsed);
      CHECK(r.text != text);  // formatted after all: drop the line
    }
  }
}
