// NameTable: the readers' lookup of event type, attribute and case attribute
// names in the vocabulary — once per event and once per attribute of every
// case read. A read-only open-addressing table built once per CaseBuilder:
// one multiply-mix hash of the name, then a probe that compares a stored
// hash before the bytes. std::unordered_map (a division by a prime, a node
// hop and a std::string compare per lookup) cost more than the rest of
// taking an attribute; so did calls to libc's memcmp and memcpy, hence the
// hash and compare of whole words inline here. Same answers as
// model::Vocabulary's find_* functions.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "runtime/model/vocabulary.hpp"

namespace frist::io {

// memcmp(a, b, n) == 0 for the short names of a vocabulary, inline: whole
// words, the last one overlapping (a call to memcmp cost more than the rest
// of the lookup).
inline std::uint64_t load64(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

inline std::uint32_t load32(const char* p) noexcept {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  if (n >= 8) {
    const char* const a_end = a + n;
    const char* const b_end = b + n;
    for (; n > 8; a += 8, b += 8, n -= 8) {
      if (load64(a) != load64(b)) return false;
    }
    return load64(a_end - 8) == load64(b_end - 8);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

class NameTable {
 public:
  static constexpr std::uint32_t kNotFound = model::Vocabulary::kNotFound;
  static constexpr std::uint32_t kEventTypes = 0xFFFFFFFEu;      // owner of the event type names
  static constexpr std::uint32_t kCaseAttributes = 0xFFFFFFFDu;  // owner of the case attribute names

  // Every name of `vocabulary`, which must outlive the table (it keeps views).
  explicit NameTable(const model::Vocabulary& vocabulary) {
    std::size_t count = vocabulary.case_attributes().size();
    for (const auto& type : vocabulary.event_types()) count += 1 + type.attributes.size();
    std::size_t capacity = 16;
    while (capacity < count * 4) capacity *= 2;  // at most a quarter full: short probes
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    const auto& types = vocabulary.event_types();
    for (std::uint32_t t = 0; t < types.size(); ++t) {
      add(kEventTypes, types[t].name, t);
      for (std::uint32_t a = 0; a < types[t].attributes.size(); ++a) add(t, types[t].attributes[a].name, a);
    }
    const auto& case_attributes = vocabulary.case_attributes();
    for (std::uint32_t a = 0; a < case_attributes.size(); ++a) add(kCaseAttributes, case_attributes[a].name, a);
  }

  // The id of `name` among the names of `owner` (an event type id for its
  // attributes, or kEventTypes / kCaseAttributes), or kNotFound.
  std::uint32_t find(std::uint32_t owner, std::string_view name) const noexcept {
    const std::uint64_t h = hash(owner, name);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.name == nullptr) return kNotFound;
      if (s.hash == h && s.owner == owner && s.length == name.size() && same_bytes(s.name, name.data(), name.size())) {
        return s.id;
      }
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    const char* name = nullptr;  // nullptr: empty
    std::uint32_t length = 0;
    std::uint32_t owner = 0;
    std::uint32_t id = 0;
  };

  // A fixed number of words whatever the length: the first and the last
  // (overlapping when short) and, past 16 bytes, one from the middle; the
  // length and owner are mixed in first, so overlapping bytes never make two
  // names of one owner and length alike. Long names that share these words
  // only share a probe sequence: the compare decides.
  static std::uint64_t hash(std::uint32_t owner, std::string_view name) noexcept {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    const char* p = name.data();
    const std::size_t n = name.size();
    std::uint64_t h = (n ^ ((static_cast<std::uint64_t>(owner) + 1) * 0xC2B2AE3D27D4EB4Full)) * kMul;
    if (n >= 8) {
      h = (h ^ load64(p)) * kMul;
      if (n > 16) {
        h ^= h >> 29;
        h = (h ^ load64(p + n / 2 - 4)) * kMul;
      }
      h ^= h >> 29;
      h = (h ^ load64(p + n - 8)) * kMul;
    } else if (n >= 4) {
      h = (h ^ (load32(p) | (static_cast<std::uint64_t>(load32(p + n - 4)) << 32))) * kMul;
    } else if (n > 0) {
      const auto byte = [](char c) { return static_cast<std::uint64_t>(static_cast<unsigned char>(c)); };
      h = (h ^ (byte(p[0]) | byte(p[n / 2]) << 8 | byte(p[n - 1]) << 16)) * kMul;
    }
    return h ^ (h >> 32);
  }

  void add(std::uint32_t owner, std::string_view name, std::uint32_t id) {
    const std::uint64_t h = hash(owner, name);
    std::size_t i = h & mask_;
    while (slots_[i].name != nullptr) i = (i + 1) & mask_;
    slots_[i] = Slot{h, name.data(), static_cast<std::uint32_t>(name.size()), owner, id};
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace frist::io
