// CaseIdRegistry: "a case id already read successfully earlier in the input"
// (case-data.md §4). Decoders run in parallel, so duplicates cannot be found
// there: the single-threaded stage that consumes decoded cases in input
// order (sequence order) calls `claim` for every successfully decoded case.
// The first successful occurrence owns the id; a later one is rejected; a
// rejected record never claims, so it does not block a later good one.
//
// It is the one structure of a run that grows with the number of cases, so
// it is kept small, and it sits on the serial path of a parallel read, so a
// new id costs one hash and (nearly always) one probe of a few control bytes:
//   - an arena of records `varint(length) id-bytes varint(line)`, in chunks
//     of 256 KiB (no copy on growth, at most one partly used chunk);
//   - an open-addressing table in groups of 8 slots: per slot one control
//     byte (empty, or 7 bits of the id's hash) and the 32-bit arena offset of
//     its record (64-bit once the arena passes 4 GiB). The table grows by
//     half when 7/8 full and is rebuilt from the arena, read in order.
// About 1 + n + 3 bytes of arena and 5.7 to 8.6 bytes of table per id: 21 to
// 24 bytes for a million 11-byte ids (it was about 50).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "runtime/io/case_source.hpp"

namespace frist::io {

class CaseIdRegistry {
 public:
  // For tests: where the table switches to 64-bit offsets, and a mask applied
  // to every hash (0 puts all ids in one group with one tag).
  struct Tuning {
    std::uint64_t narrow_arena_limit = std::uint64_t{1} << 32;
    std::uint64_t hash_mask = ~std::uint64_t{0};
  };

  CaseIdRegistry() : CaseIdRegistry(Tuning{}) {}
  explicit CaseIdRegistry(const Tuning& tuning);

  // True when `id` was not claimed before; then it is claimed for `line`.
  bool claim(std::string_view id, std::uint64_t line);
  // Claims the case's id, or fills `rejection` (naming the first line) and
  // returns false. Call in input order, for successfully decoded cases only.
  bool claim(const model::CaseTimeline& timeline, Rejection& rejection);
  // The line that claimed `id`, or 0 when it is not claimed.
  std::uint64_t line_of(std::string_view id) const;

  std::size_t size() const noexcept { return count_; }
  // Heap bytes held (arena chunks, control bytes, offsets).
  std::size_t bytes_used() const noexcept;

 private:
  static constexpr std::size_t kGroup = 8;
  static constexpr std::uint8_t kEmpty = 0x80;
  static constexpr unsigned kChunkShift = 18;  // 256 KiB
  static constexpr std::size_t kChunkBytes = std::size_t{1} << kChunkShift;

  std::uint64_t hash_of(std::string_view id) const noexcept;
  // The slot holding `id`, or the empty slot where it would go (found = false).
  std::size_t find_slot(std::string_view id, std::uint64_t hash, bool& found) const noexcept;
  std::uint64_t offset_at(std::size_t slot) const noexcept { return wide_ ? offsets64_[slot] : offsets32_[slot]; }
  void set_offset(std::size_t slot, std::uint64_t offset);
  const unsigned char* record_at(std::uint64_t offset) const noexcept;
  std::uint64_t append_record(std::string_view id, std::uint64_t line);
  void place(std::uint64_t hash, std::uint64_t offset);
  void rebuild(std::size_t groups);

  Tuning tuning_;
  std::vector<std::unique_ptr<unsigned char[]>> chunks_;  // a big record may span several (the later ones null)
  std::size_t chunk_used_ = kChunkBytes;                  // in the last chunk
  std::vector<std::size_t> chunk_fill_;                   // bytes used per chunk number (0 for the null ones)
  std::size_t small_chunks_ = 0;                          // chunks of kChunkBytes
  std::size_t big_bytes_ = 0;                             // bytes of the chunks larger than that

  std::vector<std::uint8_t> control_;  // groups * kGroup bytes
  std::vector<std::uint32_t> offsets32_;
  std::vector<std::uint64_t> offsets64_;  // used instead once wide_
  bool wide_ = false;
  std::size_t groups_ = 0;
  std::size_t count_ = 0;
  std::size_t max_count_ = 0;  // 7/8 of the slots
};

}  // namespace frist::io
