// CaseIdRegistry: "a case id already read successfully earlier in the input"
// (case-data.md §4). Decoders run in parallel, so duplicates cannot be found
// there: the single-threaded stage that consumes decoded cases in input
// order (sequence order) calls `claim` for every successfully decoded case.
// The first successful occurrence owns the id; a later one is rejected; a
// rejected record never claims, so it does not block a later good one.
//
// This sits on the serial path of a parallel read, so it is an open-addressing
// table of (hash tag, entry) slots over one arena of id bytes: no allocation
// per id, and a new id costs one probe sequence without touching the arena.
// It is the one structure of a run that grows with the number of cases, so
// it is kept small: the id bytes plus 24 bytes of entry and 8 to 16 bytes of
// slots per id (about 45 MB for a million 11-byte ids).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/io/case_source.hpp"

namespace frist::io {

class CaseIdRegistry {
 public:
  // True when `id` was not claimed before; then it is claimed for `line`.
  bool claim(std::string_view id, std::uint64_t line);
  // Claims the case's id, or fills `rejection` (naming the first line) and
  // returns false. Call in input order, for successfully decoded cases only.
  bool claim(const model::CaseTimeline& timeline, Rejection& rejection);
  std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Entry {
    std::uint64_t offset;  // in arena_
    std::uint64_t line;
    std::uint32_t length;
  };
  struct Slot {
    std::uint32_t tag = 0;    // the high half of the id's hash (the low bits chose the slot)
    std::uint32_t entry = 0;  // entry index + 1; 0 = empty
  };
  static std::uint64_t hash_of(std::string_view id) noexcept;

  // The entry holding `id`, or claims it; `claimed` says which.
  const Entry& find_or_add(std::string_view id, std::uint64_t line, bool& claimed);
  void grow();

  std::vector<Slot> slots_;  // size a power of two, at most half full
  std::vector<Entry> entries_;
  std::string arena_;
};

}  // namespace frist::io
