// Helpers shared by the `frist gen` unit tests: generate into memory and
// split the output into lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/gen/writers.hpp"

namespace frist::gen::testing {

struct Generated {
  std::string text;
  GenerationSummary summary;
};

inline Generated generate(OutputFormat format, std::uint64_t cases, std::uint64_t seed = 42,
                          PerMillion malformed_rate = 1000) {
  Generated out;
  GenerationRequest request;
  request.format = format;
  request.cases = cases;
  request.generator.seed = seed;
  request.generator.malformed_rate = malformed_rate;
  out.summary = write_cases(request, [&out](std::string_view chunk) {
    out.text.append(chunk);
    return true;
  });
  return out;
}

// Lines without their terminator ("\n", or "\r\n" for CSV).
inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

}  // namespace frist::gen::testing
