// The vocabulary a bundle of rulesets declares: event types with their typed
// attributes (and defaults), and case attributes. Readers check and convert
// case data against it; the VM addresses attributes by (type, slot).
// Undeclared event types and attributes are ignored by the engine (counted
// as warnings by the readers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/common/result.hpp"
#include "runtime/model/value_type.hpp"

namespace frist::model {

struct AttributeDecl {
  std::string name;
  ValueType type = ValueType::Text;
  std::optional<Literal> default_value;  // absent: the attribute is *missing* when not given
  std::string doc;
};

struct EventTypeDecl {
  std::string name;  // any UTF-8 string (XES names have spaces)
  std::vector<AttributeDecl> attributes;  // slot = index
  std::string doc;
};

// Name lookups take a string_view without building a std::string (readers
// look names up once per event and attribute, the CSV reader once per row's
// case id). The hash reads eight bytes at a time and mixes each chunk with a
// multiplication: every byte counts (ids that differ only in the middle must
// not collide), at a fraction of std::hash's cost on short names.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = s.size() * kMul;
    const char* p = s.data();
    std::size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t chunk = 0;
      std::memcpy(&chunk, p, 8);
      h = (h ^ chunk) * kMul;
      h ^= h >> 29;
    }
    if (n > 0) {
      std::uint64_t chunk = 0;
      std::memcpy(&chunk, p, n);
      h = (h ^ chunk) * kMul;
    }
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
};
using NameIndex = std::unordered_map<std::string, std::uint32_t, NameHash, std::equal_to<>>;

class Vocabulary {
 public:
  static constexpr std::uint32_t kNotFound = 0xFFFFFFFFu;

  std::uint32_t add_event_type(EventTypeDecl decl);     // returns its id; caller ensures names are unique
  std::uint32_t add_case_attribute(AttributeDecl decl);

  // Merges another vocabulary into this one (a bundle). The same event type
  // or attribute declared twice must agree on types and defaults, otherwise
  // the error names the conflict. Returns, for the other vocabulary, the map
  // from its event type ids / case attribute ids / (type, slot) to ours.
  struct Remap {
    std::vector<std::uint32_t> event_type;               // other id -> our id
    std::vector<std::vector<std::uint32_t>> attribute;   // [other type][other slot] -> our slot
    std::vector<std::uint32_t> case_attribute;           // other id -> our id
  };
  Result<Remap> merge(const Vocabulary& other);

  std::uint32_t find_event_type(std::string_view name) const noexcept;
  std::uint32_t find_attribute(std::uint32_t type, std::string_view name) const noexcept;
  std::uint32_t find_case_attribute(std::string_view name) const noexcept;

  const std::vector<EventTypeDecl>& event_types() const noexcept { return event_types_; }
  const std::vector<AttributeDecl>& case_attributes() const noexcept { return case_attributes_; }
  std::size_t size() const noexcept { return event_types_.size(); }

 private:
  std::vector<EventTypeDecl> event_types_;
  std::vector<AttributeDecl> case_attributes_;
  NameIndex type_index_;
  std::vector<NameIndex> attr_index_;
  NameIndex case_attr_index_;
};

}  // namespace frist::model
