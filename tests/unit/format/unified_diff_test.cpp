// The unified diff behind `frist fmt --check`: hunks with three lines of
// context, line numbers as `diff -u` gives them, a missing final line end.
#include <catch2/catch.hpp>

#include "compiler/format/unified_diff.hpp"

using frist::compiler::format::unified_diff;

TEST_CASE("equal texts have no diff", "[format][diff]") { CHECK(unified_diff("a\nb\n", "a\nb\n", "f").empty()); }

TEST_CASE("a changed line in the middle", "[format][diff]") {
  const std::string a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  const std::string b = "1\n2\n3\n4\nfem\n6\n7\n8\n9\n";
  CHECK(unified_diff(a, b, "x.frist") ==
        "--- a/x.frist\n+++ b/x.frist\n"
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+fem\n 6\n 7\n 8\n");
}

TEST_CASE("changes far apart make two hunks, close ones one", "[format][diff]") {
  std::string a, b;
  for (int i = 1; i <= 20; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 2 || i == 18 ? "x" : std::to_string(i)) + "\n";
  }
  const std::string d = unified_diff(a, b, "f");
  CHECK(d.find("@@ -1,5 +1,5 @@") != std::string::npos);
  CHECK(d.find("@@ -15,6 +15,6 @@") != std::string::npos);
  std::string c = a;
  c.replace(c.find("5\n"), 1, "y");
  const std::string one = unified_diff(a, c, "f");
  CHECK(one.find("@@ -2,7 +2,7 @@") != std::string::npos);
}

TEST_CASE("insertions, deletions and a missing final line end", "[format][diff]") {
  CHECK(unified_diff("", "a\n", "f") == "--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+a\n");
  CHECK(unified_diff("a\n", "", "f") == "--- a/f\n+++ b/f\n@@ -1,1 +0,0 @@\n-a\n");
  CHECK(unified_diff("a\nb", "a\nb\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
}
