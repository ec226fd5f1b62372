// CaseIdRegistry: "a case id already read successfully earlier in the input"
// (case-data.md §4). Decoders run in parallel, so duplicates cannot be found
// there: the single-threaded stage that consumes decoded cases in input
// order (sequence order) calls `claim` for every successfully decoded case.
// The first successful occurrence owns the id; a later one is rejected; a
// rejected record never claims, so it does not block a later good one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "runtime/io/case_source.hpp"
#include "runtime/model/vocabulary.hpp"

namespace frist::io {

class CaseIdRegistry {
 public:
  // True when `id` was not claimed before; then it is claimed for `line`.
  bool claim(std::string_view id, std::uint64_t line);
  // Claims the case's id, or fills `rejection` (naming the first line) and
  // returns false. Call in input order, for successfully decoded cases only.
  bool claim(const model::CaseTimeline& timeline, Rejection& rejection);
  std::size_t size() const noexcept { return first_line_.size(); }

 private:
  // Memory: one node per distinct case id (the id, its line, hash overhead).
  std::unordered_map<std::string, std::uint64_t, model::NameHash, std::equal_to<>> first_line_;
};

}  // namespace frist::io
