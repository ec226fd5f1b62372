// The Vocabulary: declaring event types and case attributes, looking them up
// by name, and merging the vocabularies of a bundle of rulesets (the same
// declaration twice must agree, otherwise the error names the conflict).
#include "runtime/model/vocabulary.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace frist::model {
namespace {

bool same_value(const Literal& a, const Literal& b) {
  if (a.type != b.type || a.value.index() != b.value.index()) return false;
  return std::visit(
      [&b](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        const auto& y = std::get<T>(b.value);
        if constexpr (std::is_same_v<T, time::Timestamp>) {
          return x.lo == y.lo && x.hi == y.hi && x.date == y.date && x.precision == y.precision;
        } else {
          return x == y;
        }
      },
      a.value);
}

bool same_default(const std::optional<Literal>& a, const std::optional<Literal>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || same_value(*a, *b);
}

// Why two declarations of one attribute disagree, or an empty string.
std::string attribute_conflict(const AttributeDecl& ours, const AttributeDecl& theirs) {
  if (ours.type != theirs.type) {
    return fmt::format("declared as {} and as {}", to_string(ours.type), to_string(theirs.type));
  }
  if (!same_default(ours.default_value, theirs.default_value)) return "declared with different defaults";
  return {};
}

}  // namespace

std::uint32_t Vocabulary::add_event_type(EventTypeDecl decl) {
  const auto id = static_cast<std::uint32_t>(event_types_.size());
  NameIndex attrs;
  for (std::uint32_t slot = 0; slot < decl.attributes.size(); ++slot) attrs.emplace(decl.attributes[slot].name, slot);
  type_index_.emplace(decl.name, id);
  attr_index_.push_back(std::move(attrs));
  event_types_.push_back(std::move(decl));
  return id;
}

std::uint32_t Vocabulary::add_case_attribute(AttributeDecl decl) {
  const auto id = static_cast<std::uint32_t>(case_attributes_.size());
  case_attr_index_.emplace(decl.name, id);
  case_attributes_.push_back(std::move(decl));
  return id;
}

std::uint32_t Vocabulary::find_event_type(std::string_view name) const noexcept {
  const auto it = type_index_.find(name);
  return it == type_index_.end() ? kNotFound : it->second;
}

std::uint32_t Vocabulary::find_attribute(std::uint32_t type, std::string_view name) const noexcept {
  if (type >= attr_index_.size()) return kNotFound;
  const auto& index = attr_index_[type];
  const auto it = index.find(name);
  return it == index.end() ? kNotFound : it->second;
}

std::uint32_t Vocabulary::find_case_attribute(std::string_view name) const noexcept {
  const auto it = case_attr_index_.find(name);
  return it == case_attr_index_.end() ? kNotFound : it->second;
}

Result<Vocabulary::Remap> Vocabulary::merge(const Vocabulary& other) {
  // First check every shared declaration, so a failed merge leaves this
  // vocabulary unchanged.
  for (const auto& theirs : other.event_types_) {
    const auto id = find_event_type(theirs.name);
    if (id == kNotFound) continue;
    for (const auto& attr : theirs.attributes) {
      const auto slot = find_attribute(id, attr.name);
      if (slot == kNotFound) continue;
      const auto why = attribute_conflict(event_types_[id].attributes[slot], attr);
      if (!why.empty()) {
        return make_error(fmt::format("event type '{}', attribute '{}': {}", theirs.name, attr.name, why));
      }
    }
  }
  for (const auto& attr : other.case_attributes_) {
    const auto id = find_case_attribute(attr.name);
    if (id == kNotFound) continue;
    const auto why = attribute_conflict(case_attributes_[id], attr);
    if (!why.empty()) return make_error(fmt::format("case attribute '{}': {}", attr.name, why));
  }

  Remap remap;
  remap.event_type.reserve(other.event_types_.size());
  remap.attribute.reserve(other.event_types_.size());
  for (const auto& theirs : other.event_types_) {
    auto id = find_event_type(theirs.name);
    if (id == kNotFound) {
      id = add_event_type(theirs);
    } else if (event_types_[id].doc.empty()) {
      event_types_[id].doc = theirs.doc;
    }
    std::vector<std::uint32_t> slots;
    slots.reserve(theirs.attributes.size());
    for (const auto& attr : theirs.attributes) {
      auto slot = find_attribute(id, attr.name);
      if (slot == kNotFound) {
        auto& decl = event_types_[id];
        slot = static_cast<std::uint32_t>(decl.attributes.size());
        decl.attributes.push_back(attr);
        attr_index_[id].emplace(attr.name, slot);
      }
      slots.push_back(slot);
    }
    remap.event_type.push_back(id);
    remap.attribute.push_back(std::move(slots));
  }
  remap.case_attribute.reserve(other.case_attributes_.size());
  for (const auto& attr : other.case_attributes_) {
    auto id = find_case_attribute(attr.name);
    if (id == kNotFound) id = add_case_attribute(attr);
    remap.case_attribute.push_back(id);
  }
  return remap;
}

}  // namespace frist::model
