// Every shipped ruleset against its own `frist fmt --to en` translation (and
// the translation back to Danish) shows no change and exits 0 with
// --exit-code: keyword language and layout are not meaning.
#include <sys/wait.h>

#include "diff_support.hpp"

using namespace frist;
using namespace frist::diff_test;

TEST_CASE("diff: each shipped ruleset equals its frist fmt translation", "[diff][fmt]") {
  if (frist_bin() == nullptr) {
    WARN("FRIST_BIN not set (run through ctest): skipped");
    return;
  }
  ScratchDir dir;
  // Translate all three first: the amendment finds its base next to itself.
  for (const char* name : {"serviceloven", "serviceloven_ast2023", "barnets_lov"}) {
    const std::string source = std::string("rulesets/") + name + ".frist";
    REQUIRE(run_frist("fmt --to en " + source, dir.file(std::string(name) + ".frist")) == 0);
  }
  for (const char* name : {"serviceloven", "serviceloven_ast2023", "barnets_lov"}) {
    INFO(name);
    const std::string source = std::string("rulesets/") + name + ".frist";
    const std::string english = dir.file(std::string(name) + ".frist");
    CHECK(slurp(english).rfind("language en", 0) == 0);
    CHECK(run_frist("diff --exit-code " + source + " " + english, dir.file("out.txt")) == 0);
    CHECK(slurp(dir.file("out.txt")).find("No change in meaning.") != std::string::npos);
    CHECK(run_frist("diff --exit-code " + english + " " + source, dir.file("back.txt")) == 0);
    CHECK(slurp(dir.file("back.txt")).find("Ingen ændringer i betydning.") != std::string::npos);
  }
}
