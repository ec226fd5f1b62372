// The record format between the XES source and decoder: a trace as a flat
// sequence of items, each
//   tag (1 byte) · XES type (1 byte) · line (8 bytes) · key length (4) · key ·
//   value length (4) · value
// in document order. Integers are in host byte order (the record never
// leaves the process).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace frist::io::xes {

enum class Tag : std::uint8_t {
  TraceAttribute = 'T',
  EventBegin = 'E',
  EventAttribute = 'A',
  EventEnd = 'e',
  SkippedNested = 'N',  // a list/container or meta-attribute that was skipped
};

enum class Type : std::uint8_t { String, Date, Int, Float, Boolean, Id, None };

// The XES type of an attribute element name, or None.
inline Type type_of_element(std::string_view name) noexcept {
  if (name == "string") return Type::String;
  if (name == "date") return Type::Date;
  if (name == "int") return Type::Int;
  if (name == "float") return Type::Float;
  if (name == "boolean") return Type::Boolean;
  if (name == "id") return Type::Id;
  return Type::None;
}

struct Item {
  Tag tag;
  Type type;
  std::uint64_t line;
  std::string_view key;
  std::string_view value;
};

inline void append_item(std::string& out, Tag tag, Type type, std::uint64_t line, std::string_view key,
                        std::string_view value) {
  const auto key_length = static_cast<std::uint32_t>(key.size());
  const auto value_length = static_cast<std::uint32_t>(value.size());
  const std::size_t at = out.size();
  out.resize(at + 2 + 8 + 4 + key.size() + 4 + value.size());
  char* p = out.data() + at;
  *p++ = static_cast<char>(tag);
  *p++ = static_cast<char>(type);
  std::memcpy(p, &line, 8);
  p += 8;
  std::memcpy(p, &key_length, 4);
  p += 4;
  if (!key.empty()) std::memcpy(p, key.data(), key.size());
  p += key.size();
  std::memcpy(p, &value_length, 4);
  p += 4;
  if (!value.empty()) std::memcpy(p, value.data(), value.size());
}

// Reads the item at `pos` and advances; false at the end or on a truncated item.
inline bool next_item(std::string_view record, std::size_t& pos, Item& item) {
  if (pos + 14 > record.size()) return false;
  const char* p = record.data() + pos;
  item.tag = static_cast<Tag>(p[0]);
  item.type = static_cast<Type>(p[1]);
  std::memcpy(&item.line, p + 2, 8);
  std::uint32_t key_length = 0, value_length = 0;
  std::memcpy(&key_length, p + 10, 4);
  if (pos + 14 + key_length + 4 > record.size()) return false;
  item.key = record.substr(pos + 14, key_length);
  std::memcpy(&value_length, p + 14 + key_length, 4);
  if (pos + 18 + key_length + value_length > record.size()) return false;
  item.value = record.substr(pos + 18 + key_length, value_length);
  pos += 18 + key_length + value_length;
  return true;
}

}  // namespace frist::io::xes
