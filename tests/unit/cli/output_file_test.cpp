// Unit tests for OutputFile: single writes and gathered batches (writev, more
// pieces than one call takes, empty pieces, pieces larger than the buffer)
// land in the file in order, byte for byte; a failing device is reported.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "cli/output/output_file.hpp"
#include "tests/unit/support/files.hpp"

using namespace frist;

TEST_CASE("output file: single and gathered writes keep their order", "[cli][output]") {
  test_support::ScratchDir dir;
  const std::string path = (dir.path / "out.txt").string();
  std::string expected;
  {
    cli::OutputFile out(path);
    REQUIRE(out.ok());
    std::mt19937 rng(7);
    std::vector<std::string> texts;  // live until the pieces are written
    std::vector<std::string_view> pieces;
    for (int round = 0; round < 40; ++round) {
      const std::string single = "single " + std::to_string(round) + "\n";
      out.write(single);
      expected += single;
      texts.clear();
      pieces.clear();
      // Few or many pieces (past one writev's limit), tiny to larger than the buffer.
      const bool huge = round % 5 == 0;
      const std::size_t count = huge ? 3 : round % 4 == 1 ? 3000 : 1 + rng() % 600;
      const std::size_t max_size = huge ? (3u << 20) : round % 3 == 0 ? 64 : 3000;
      for (std::size_t i = 0; i < count; ++i) {
        const std::size_t size = i % 17 == 0 ? 0 : rng() % max_size;
        texts.push_back(std::string(size, static_cast<char>('a' + (round + i) % 26)) + "|");
        if (i % 17 == 0) texts.back().clear();
      }
      for (const std::string& t : texts) {
        pieces.emplace_back(t);
        expected += t;
      }
      out.write(pieces);
    }
    CHECK(out.close());
  }
  const std::string written = test_support::slurp(path);
  CHECK(written.size() == expected.size());
  CHECK(written == expected);
}

TEST_CASE("output file: a failing device is reported at close", "[cli][output]") {
  cli::OutputFile out("/dev/full");
  REQUIRE(out.ok());
  const std::string text(1 << 16, 'x');
  std::vector<std::string_view> pieces(64, text);
  out.write(pieces);
  CHECK_FALSE(out.close());
}
