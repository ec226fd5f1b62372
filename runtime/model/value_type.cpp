// Names of the vocabulary's value types, and the typed view of an attribute
// value's storage (AttrValue keeps a decimal as the bit pattern of a double).
#include <bit>

#include "runtime/model/case_timeline.hpp"
#include "runtime/model/value_type.hpp"

namespace frist::model {

const char* to_string(ValueType t) noexcept {
  switch (t) {
    case ValueType::Bool: return "bool";
    case ValueType::Int: return "int";
    case ValueType::Decimal: return "decimal";
    case ValueType::Text: return "text";
    case ValueType::Date: return "date";
    case ValueType::DateTime: return "datetime";
    case ValueType::Duration: return "duration";
  }
  return "?";
}

double AttrValue::as_decimal() const noexcept {
  // An int is a decimal too (arithmetic mixes them); everything else has no
  // numeric reading and callers check `type` first.
  if (type == ValueType::Int) return static_cast<double>(a);
  return std::bit_cast<double>(a);
}

}  // namespace frist::model
