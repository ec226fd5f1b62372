// Output of `frist gen`: the case model of cli/gen/generator.hpp written as
// JSON Lines (spec/case-data.md §1), a CSV event table (§2) or an XES event
// log (§3), for a run of cases generated one after another.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/gen/generator.hpp"
#include "cli/gen/output_buffer.hpp"

namespace frist::gen {

enum class OutputFormat : std::uint8_t { Jsonl, Csv, Xes };

std::optional<OutputFormat> parse_output_format(std::string_view name) noexcept;

struct GenerationRequest {
  OutputFormat format = OutputFormat::Jsonl;
  GeneratorOptions generator;
  std::uint64_t cases = 0;
};

struct GenerationSummary {
  std::uint64_t cases = 0;
  std::uint64_t events = 0;
  std::uint64_t malformed = 0;  // cases written as a deliberately bad line/row/trace
  bool written = true;          // false: the sink reported a write error
};

// Generates cases 0..request.cases-1 and writes them, in order, to `sink`.
// The bytes depend on the request only: a request for fewer cases gives a
// prefix of the output (for XES, up to the closing `</log>`).
GenerationSummary write_cases(const GenerationRequest& request, ChunkSink sink);

// Cases 0..cases-1 with `seed` and no malformed lines, as JSON Lines, one
// string per case without its line break: in-memory input for benchmarks and
// tests.
std::vector<std::string> jsonl_lines(std::uint64_t cases, std::uint64_t seed);

// The case id written for a case: `K<kommunekode>-<number>`, e.g. K101-000123.
// `buffer` must hold at least 32 bytes; returns the id's length.
std::size_t format_case_id(const CaseRecord& record, char* buffer) noexcept;

// The CSV header row (without the line break), for tests and docs.
std::string_view csv_header() noexcept;

}  // namespace frist::gen
