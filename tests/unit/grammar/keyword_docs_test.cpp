// docs/language.md lists both keyword sets; this test keeps it in step with
// grammar/keywords.def, the one source of truth.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "grammar/keywords.hpp"

TEST_CASE("docs/language.md lists every keyword in both languages", "[grammar][docs]") {
  std::ifstream in(FRIST_SOURCE_ROOT "/docs/language.md");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  using namespace frist::grammar;
  for (std::size_t i = 0; i < kKeywordCount; ++i) {
    const auto kw = static_cast<Kw>(i);
    const std::string row = fmt::format("| {} | `{}` | `{}` |", keyword_name(kw), spelling(kw, Lang::Da), spelling(kw, Lang::En));
    INFO(row);
    CHECK(doc.find(row) != std::string::npos);
  }
}
