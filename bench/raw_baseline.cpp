// The raw baseline of bench/run.sh: the least a JSONL case reader must do —
// read the file in large blocks, cut it into lines and, with simdjson
// On-Demand, visit every event's `type` and `at` — on one thread, with no
// timeline, no vocabulary and no evaluation. `frist report`'s end-to-end
// throughput is measured against this program's (docs/performance.md).
//
// Usage: frist_raw_baseline FILE.jsonl   (prints lines, events and a checksum)
#include <fmt/core.h>
#include <simdjson.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace {

namespace od = simdjson::ondemand;

struct Totals {
  std::uint64_t lines = 0;
  std::uint64_t events = 0;
  std::uint64_t checksum = 0;  // of the type and timestamp bytes, so no visit can be optimised away
  std::uint64_t errors = 0;
};

// One line, parsed in place: `capacity` bytes from `line` are readable (the
// rest of the block and its padding), as On-Demand requires.
void visit_line(od::parser& parser, const char* line, std::size_t length, std::size_t capacity, Totals& t) {
  ++t.lines;
  od::document doc;
  od::array events;
  if (parser.iterate(simdjson::padded_string_view(line, length, capacity)).get(doc) ||
      doc["events"].get_array().get(events)) {
    ++t.errors;
    return;
  }
  for (auto element : events) {
    od::object event;
    std::string_view type, at;
    if (element.get_object().get(event) || event["type"].get_string().get(type) ||
        event["at"].get_string().get(at)) {
      ++t.errors;
      return;
    }
    ++t.events;
    t.checksum += type.size() * 31 + static_cast<unsigned char>(at.back()) + at.size();
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: {} FILE.jsonl\n", argv[0]);
    return 2;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(argv[1], "rb"), &std::fclose);
  if (!file) {
    fmt::print(stderr, "cannot read {}\n", argv[1]);
    return 2;
  }
  constexpr std::size_t kBlock = std::size_t{16} << 20;
  std::vector<char> block(kBlock + simdjson::SIMDJSON_PADDING);
  od::parser parser;
  Totals totals;
  std::size_t filled = 0;  // bytes in `block` not yet cut into lines
  for (;;) {
    const std::size_t got = std::fread(block.data() + filled, 1, kBlock - filled, file.get());
    filled += got;
    const bool eof = got == 0;
    std::size_t pos = 0;
    for (;;) {
      const auto* nl = static_cast<const char*>(std::memchr(block.data() + pos, '\n', filled - pos));
      if (nl == nullptr && !(eof && pos < filled)) break;
      const std::size_t end = nl ? static_cast<std::size_t>(nl - block.data()) : filled;
      if (end > pos) visit_line(parser, block.data() + pos, end - pos, block.size() - pos, totals);
      pos = nl ? end + 1 : filled;
    }
    std::memmove(block.data(), block.data() + pos, filled - pos);
    filled -= pos;
    if (eof) break;
    if (filled == kBlock) {
      fmt::print(stderr, "a line longer than {} bytes\n", kBlock);
      return 2;
    }
  }
  fmt::print("{} lines, {} events, checksum {}, {} errors\n", totals.lines, totals.events, totals.checksum,
             totals.errors);
  return totals.errors == 0 ? 0 : 1;
}
