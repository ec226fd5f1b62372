// CaseIdRegistry: first successful occurrence of a case id wins (see the
// header for the layout: an arena of length-prefixed ids with their lines,
// and a table of control bytes and arena offsets in groups of 8).
#include "runtime/io/case_id_registry.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include <fmt/format.h>

#include "runtime/model/case_timeline.hpp"

namespace frist::io {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

std::uint64_t load_group(const std::uint8_t* p) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, p, 8);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;  // byte i of the group in bits 8i..8i+7
}

std::size_t write_varint(unsigned char* out, std::uint64_t v) noexcept {
  std::size_t n = 0;
  while (v >= 0x80) {
    out[n++] = static_cast<unsigned char>(v | 0x80);
    v >>= 7;
  }
  out[n++] = static_cast<unsigned char>(v);
  return n;
}

std::size_t varint_size(std::uint64_t v) noexcept {
  std::size_t n = 1;
  for (; v >= 0x80; v >>= 7) ++n;
  return n;
}

const unsigned char* read_varint(const unsigned char* p, std::uint64_t& v) noexcept {
  v = 0;
  for (unsigned shift = 0;; shift += 7) {
    const unsigned char b = *p++;
    v |= std::uint64_t{b & 0x7Fu} << shift;
    if ((b & 0x80) == 0) return p;
  }
}

}  // namespace

CaseIdRegistry::CaseIdRegistry(const Tuning& tuning) : tuning_(tuning) {}

std::uint64_t CaseIdRegistry::hash_of(std::string_view id) const noexcept {
  // Word-at-a-time multiply-xorshift, then a full avalanche (murmur3's
  // finaliser): the tag takes the low 7 bits, the group the high 32.
  constexpr std::uint64_t kMul = 0x9FB21C651E98DF25ull;
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (id.size() * 0xC2B2AE3D27D4EB4Full);
  const char* p = id.data();
  std::size_t n = id.size();
  // Whole words, the last one overlapping (the length is mixed in first), so
  // no memcpy of variable length (a call to libc) is needed.
  const auto load64 = [](const char* q) {
    std::uint64_t w;
    std::memcpy(&w, q, 8);
    return w;
  };
  if (n >= 8) {
    const char* const end = p + n;
    for (; n > 8; p += 8, n -= 8) {
      h = (h ^ load64(p)) * kMul;
      h ^= h >> 32;
    }
    h = (h ^ load64(end - 8)) * kMul;
  } else if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    h = (h ^ (a | std::uint64_t{b} << 32)) * kMul;
  } else if (n > 0) {
    const auto byte = [](char c) { return std::uint64_t{static_cast<unsigned char>(c)}; };
    h = (h ^ (byte(p[0]) | byte(p[n / 2]) << 8 | byte(p[n - 1]) << 16)) * kMul;
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h & tuning_.hash_mask;
}

const unsigned char* CaseIdRegistry::record_at(std::uint64_t offset) const noexcept {
  return chunks_[offset >> kChunkShift].get() + (offset & (kChunkBytes - 1));
}

std::size_t CaseIdRegistry::find_slot(std::string_view id, std::uint64_t hash, bool& found) const noexcept {
  const std::uint64_t pattern = kOnes * (hash & 0x7F);
  std::size_t group = static_cast<std::size_t>(((hash >> 32) * groups_) >> 32);
  for (;;) {
    const std::uint64_t word = load_group(control_.data() + group * kGroup);
    const std::uint64_t x = word ^ pattern;
    // Bytes equal to the tag (a byte above a true match may show up too:
    // every candidate is compared in the arena anyway).
    for (std::uint64_t match = (x - kOnes) & ~x & kHighs; match != 0; match &= match - 1) {
      const std::size_t slot = group * kGroup + static_cast<std::size_t>(std::countr_zero(match) >> 3);
      std::uint64_t length = 0;
      const unsigned char* bytes = read_varint(record_at(offset_at(slot)), length);
      if (length == id.size() && std::memcmp(bytes, id.data(), id.size()) == 0) {
        found = true;
        return slot;
      }
    }
    // Nothing is ever removed, so a group with an empty slot ends the search.
    if (const std::uint64_t empty = word & kHighs; empty != 0) {
      found = false;
      return group * kGroup + static_cast<std::size_t>(std::countr_zero(empty) >> 3);
    }
    group = group + 1 == groups_ ? 0 : group + 1;
  }
}

void CaseIdRegistry::set_offset(std::size_t slot, std::uint64_t offset) {
  if (!wide_ && offset >= tuning_.narrow_arena_limit) {
    offsets64_.assign(offsets32_.begin(), offsets32_.end());
    std::vector<std::uint32_t>().swap(offsets32_);
    wide_ = true;
  }
  if (wide_) offsets64_[slot] = offset;
  else offsets32_[slot] = static_cast<std::uint32_t>(offset);
}

std::uint64_t CaseIdRegistry::append_record(std::string_view id, std::uint64_t line) {
  const std::size_t size = varint_size(id.size()) + id.size() + varint_size(line);
  if (size > kChunkBytes - chunk_used_) {
    if (size <= kChunkBytes) {
      chunks_.push_back(std::make_unique_for_overwrite<unsigned char[]>(kChunkBytes));
      chunk_fill_.push_back(0);
      ++small_chunks_;
    } else {  // a long id: a chunk of its own, over as many chunk numbers as it needs
      chunks_.push_back(std::make_unique_for_overwrite<unsigned char[]>(size));
      chunk_fill_.push_back(0);
      big_bytes_ += size;
      for (std::size_t more = (size - 1) >> kChunkShift; more > 0; --more) {
        chunks_.push_back(nullptr);
        chunk_fill_.push_back(0);
      }
    }
    chunk_used_ = 0;
  }
  const std::size_t first = size <= kChunkBytes ? chunks_.size() - 1 : chunks_.size() - 1 - ((size - 1) >> kChunkShift);
  unsigned char* out = chunks_[first].get() + chunk_used_;
  const std::uint64_t offset = (std::uint64_t{first} << kChunkShift) + chunk_used_;
  std::size_t n = write_varint(out, id.size());
  if (!id.empty()) std::memcpy(out + n, id.data(), id.size());
  n += id.size();
  n += write_varint(out + n, line);
  chunk_used_ = size <= kChunkBytes ? chunk_used_ + n : kChunkBytes;
  chunk_fill_[first] += n;
  return offset;
}

void CaseIdRegistry::place(std::uint64_t hash, std::uint64_t offset) {
  std::size_t group = static_cast<std::size_t>(((hash >> 32) * groups_) >> 32);
  for (;;) {
    if (const std::uint64_t empty = load_group(control_.data() + group * kGroup) & kHighs; empty != 0) {
      const std::size_t slot = group * kGroup + static_cast<std::size_t>(std::countr_zero(empty) >> 3);
      control_[slot] = static_cast<std::uint8_t>(hash & 0x7F);
      set_offset(slot, offset);
      return;
    }
    group = group + 1 == groups_ ? 0 : group + 1;
  }
}

void CaseIdRegistry::rebuild(std::size_t groups) {
  groups_ = groups;
  max_count_ = groups * (kGroup - 1);  // 7/8 of the slots
  std::vector<std::uint8_t>(groups * kGroup, kEmpty).swap(control_);
  if (wide_) std::vector<std::uint64_t>(groups * kGroup).swap(offsets64_);
  else std::vector<std::uint32_t>(groups * kGroup).swap(offsets32_);
  // The ids are read back from the arena in order, not from the old table.
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    const unsigned char* p = chunks_[c].get();
    const unsigned char* end = p + chunk_fill_[c];
    while (p < end) {
      const std::uint64_t offset = (std::uint64_t{c} << kChunkShift) + static_cast<std::uint64_t>(p - chunks_[c].get());
      std::uint64_t length = 0, line = 0;
      p = read_varint(p, length);
      const std::string_view id(reinterpret_cast<const char*>(p), length);
      p = read_varint(p + length, line);
      place(hash_of(id), offset);
    }
  }
}

bool CaseIdRegistry::claim(std::string_view id, std::uint64_t line) {
  if (count_ >= max_count_) rebuild(std::max<std::size_t>(128, groups_ + groups_ / 2));
  const std::uint64_t hash = hash_of(id);
  bool found = false;
  const std::size_t slot = find_slot(id, hash, found);
  if (found) return false;
  control_[slot] = static_cast<std::uint8_t>(hash & 0x7F);
  set_offset(slot, append_record(id, line));
  ++count_;
  return true;
}

std::uint64_t CaseIdRegistry::line_of(std::string_view id) const {
  if (count_ == 0) return 0;
  bool found = false;
  const std::size_t slot = find_slot(id, hash_of(id), found);
  if (!found) return 0;
  std::uint64_t length = 0, line = 0;
  read_varint(read_varint(record_at(offset_at(slot)), length) + length, line);
  return line;
}

bool CaseIdRegistry::claim(const model::CaseTimeline& timeline, Rejection& rejection) {
  if (claim(timeline.id, timeline.line)) return true;
  rejection.line = timeline.line;
  rejection.case_id = timeline.id;
  rejection.has_case_id = true;
  rejection.reason = fmt::format("duplicate case id: a case with this id was already read (line {})",
                                 line_of(timeline.id));
  return false;
}

std::size_t CaseIdRegistry::bytes_used() const noexcept {
  return small_chunks_ * kChunkBytes + big_bytes_ + chunks_.capacity() * sizeof(chunks_[0]) +
         chunk_fill_.capacity() * sizeof(chunk_fill_[0]) + control_.capacity() +
         offsets32_.capacity() * sizeof(std::uint32_t) + offsets64_.capacity() * sizeof(std::uint64_t);
}

}  // namespace frist::io
