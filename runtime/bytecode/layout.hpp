// The fixed layout of a `.fristc` file (docs/bytecode.md) and the names the
// writer, reader, verifier and disassembler share: magic, header and table
// sizes, section ids and names, and readable names of the format's enums.
// Private to runtime/bytecode/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "runtime/bytecode/program.hpp"
#include "runtime/model/value_type.hpp"

namespace frist::bytecode::layout {

constexpr std::array<std::uint8_t, 8> kMagic{'F', 'R', 'I', 'S', 'T', 'B', 'C', '\0'};
constexpr std::size_t kHeaderSize = 56;
constexpr std::size_t kSectionEntrySize = 12;

// Section ids 1..9, in file order.
enum class Section : std::uint32_t {
  Strings = 1,
  Constants,
  Vocabulary,
  Calendar,
  Metadata,
  Rules,
  Functions,
  Code,
  Debug,
};
constexpr std::uint32_t kSectionCount = 9;
constexpr std::size_t kFirstSectionOffset = kHeaderSize + kSectionCount * kSectionEntrySize;

constexpr const char* section_name(Section s) noexcept {
  switch (s) {
    case Section::Strings: return "strings";
    case Section::Constants: return "constants";
    case Section::Vocabulary: return "vocabulary";
    case Section::Calendar: return "calendar";
    case Section::Metadata: return "metadata";
    case Section::Rules: return "rules";
    case Section::Functions: return "functions";
    case Section::Code: return "code";
    case Section::Debug: return "debug";
  }
  return "?";
}

// Highest valid value of each enum of the format.
constexpr std::uint8_t kMaxConstKind = static_cast<std::uint8_t>(ConstKind::Duration);
constexpr std::uint8_t kMaxValueType = static_cast<std::uint8_t>(model::ValueType::Duration);
constexpr std::uint8_t kMaxSlotKind = static_cast<std::uint8_t>(Kind::Accumulator);
constexpr std::uint8_t kMaxPrecision = 2;     // time::Precision::Interval
constexpr std::uint8_t kMaxDurationKind = 2;  // model::Duration::Kind::Workdays
constexpr std::uint8_t kMaxLanguage = 1;      // 0 Danish, 1 English

// Readable names for messages and listings.
constexpr const char* kind_name(Kind k) noexcept {
  switch (k) {
    case Kind::Any: return "any";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Decimal: return "decimal";
    case Kind::Text: return "text";
    case Kind::Date: return "date";
    case Kind::Time: return "date-time";
    case Kind::Duration: return "duration";
    case Kind::Event: return "event";
    case Kind::Period: return "period";
    case Kind::Iterator: return "iterator";
    case Kind::Accumulator: return "accumulator";
  }
  return "?";
}

constexpr const char* const_kind_name(ConstKind k) noexcept {
  switch (k) {
    case ConstKind::Int: return "int";
    case ConstKind::Decimal: return "decimal";
    case ConstKind::Text: return "text";
    case ConstKind::Date: return "date";
    case ConstKind::Time: return "date-time";
    case ConstKind::Duration: return "duration";
  }
  return "?";
}

// The stack kind of a constant and of a vocabulary value type.
constexpr Kind kind_of(ConstKind k) noexcept {
  switch (k) {
    case ConstKind::Int: return Kind::Int;
    case ConstKind::Decimal: return Kind::Decimal;
    case ConstKind::Text: return Kind::Text;
    case ConstKind::Date: return Kind::Date;
    case ConstKind::Time: return Kind::Time;
    case ConstKind::Duration: return Kind::Duration;
  }
  return Kind::Any;
}

constexpr Kind kind_of(model::ValueType t) noexcept {
  switch (t) {
    case model::ValueType::Bool: return Kind::Bool;
    case model::ValueType::Int: return Kind::Int;
    case model::ValueType::Decimal: return Kind::Decimal;
    case model::ValueType::Text: return Kind::Text;
    case model::ValueType::Date: return Kind::Date;
    case model::ValueType::DateTime: return Kind::Time;
    case model::ValueType::Duration: return Kind::Duration;
  }
  return Kind::Any;
}

}  // namespace frist::bytecode::layout
