// NameTable: the readers' lookup of event type, attribute and case attribute
// names in the vocabulary — once per event and once per attribute of every
// case read. A read-only open-addressing table built once per CaseBuilder:
// one multiply-mix hash of the name, then a probe that compares a stored
// hash before the bytes. std::unordered_map (a division by a prime, a node
// hop and a std::string compare per lookup) cost more than the rest of
// taking an attribute. Same answers as model::Vocabulary's find_* functions.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "runtime/model/vocabulary.hpp"

namespace frist::io {

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
      if (s.hash == h && s.owner == owner && s.length == name.size() &&
          std::memcmp(s.name, name.data(), name.size()) == 0) {
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

  static std::uint64_t hash(std::uint32_t owner, std::string_view name) noexcept {
    return model::NameHash{}(name) ^ ((static_cast<std::uint64_t>(owner) + 1) * 0xC2B2AE3D27D4EB4Full);
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
