// --pseudonymize (cli/pseudonym.hpp): HMAC-SHA-256 against the test vectors
// of RFC 4231, truncated to 16 bytes in hex; the key file form; empty keys.
#include <catch2/catch.hpp>

#include "cli/pseudonym.hpp"
#include "tests/unit/io/test_vocabulary.hpp"

using frist::cli::Pseudonymizer;

TEST_CASE("pseudonyms are HMAC-SHA-256 truncated to 16 bytes (RFC 4231 test cases 1 and 2)", "[robustness][privacy]") {
  CHECK(Pseudonymizer(std::string(20, '\x0b'))("Hi There") == "b0344c61d8db38535ca8afceaf0bf12b");
  CHECK(Pseudonymizer("Jefe")("what do ya want for nothing?") == "5bdcc146bf60754e6a042426089575c7");
}

TEST_CASE("pseudonyms: the same id and key give the same pseudonym, other keys or ids another", "[robustness][privacy]") {
  const Pseudonymizer a("nøgle"), b("nøgle2");
  CHECK(a("ISH-07") == a("ISH-07"));
  CHECK(a("ISH-07") != a("ISH-08"));
  CHECK(a("ISH-07") != b("ISH-07"));
  CHECK(a("ISH-07").size() == 32);
}

TEST_CASE("pseudonyms: the key from @FILE is its first line", "[robustness][privacy]") {
  frist::io::testing::TempFile file(".key", "nøgle\nignored\n");
  auto from_file = Pseudonymizer::from_option("@" + file.path());
  REQUIRE(from_file);
  CHECK((*from_file)("ISH-07") == Pseudonymizer("nøgle")("ISH-07"));
  CHECK_FALSE(Pseudonymizer::from_option(""));
  CHECK_FALSE(Pseudonymizer::from_option("@/nonexistent/key"));
  frist::io::testing::TempFile empty(".key", "\n");
  CHECK_FALSE(Pseudonymizer::from_option("@" + empty.path()));
}
