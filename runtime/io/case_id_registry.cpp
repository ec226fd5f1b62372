// CaseIdRegistry: first successful occurrence of a case id wins (see the
// header for the table layout).
#include "runtime/io/case_id_registry.hpp"

#include <functional>

#include <fmt/format.h>

#include "runtime/model/case_timeline.hpp"

namespace frist::io {

std::uint64_t CaseIdRegistry::hash_of(std::string_view id) noexcept { return std::hash<std::string_view>{}(id); }

void CaseIdRegistry::grow() {
  std::vector<Slot> bigger(slots_.empty() ? 1024 : slots_.size() * 2);
  const std::size_t mask = bigger.size() - 1;
  // Slots keep only half of the hash: the place in the bigger table comes
  // from the id itself.
  for (const auto& slot : slots_) {
    if (slot.entry == 0) continue;
    const auto& entry = entries_[slot.entry - 1];
    std::size_t i = hash_of(std::string_view(arena_).substr(entry.offset, entry.length)) & mask;
    while (bigger[i].entry != 0) i = (i + 1) & mask;
    bigger[i] = slot;
  }
  slots_.swap(bigger);
}

const CaseIdRegistry::Entry& CaseIdRegistry::find_or_add(std::string_view id, std::uint64_t line, bool& claimed) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t hash = hash_of(id);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  for (;; i = (i + 1) & mask) {
    auto& slot = slots_[i];
    if (slot.entry == 0) break;
    if (slot.tag != tag) continue;
    const auto& entry = entries_[slot.entry - 1];
    if (std::string_view(arena_).substr(entry.offset, entry.length) == id) {
      claimed = false;
      return entry;
    }
  }
  entries_.push_back(Entry{arena_.size(), line, static_cast<std::uint32_t>(id.size())});
  arena_.append(id);
  slots_[i] = Slot{tag, static_cast<std::uint32_t>(entries_.size())};
  claimed = true;
  return entries_.back();
}

bool CaseIdRegistry::claim(std::string_view id, std::uint64_t line) {
  bool claimed = false;
  find_or_add(id, line, claimed);
  return claimed;
}

bool CaseIdRegistry::claim(const model::CaseTimeline& timeline, Rejection& rejection) {
  bool claimed = false;
  const auto& entry = find_or_add(timeline.id, timeline.line, claimed);
  if (claimed) return true;
  rejection.line = timeline.line;
  rejection.case_id = timeline.id;
  rejection.has_case_id = true;
  rejection.reason = fmt::format("duplicate case id: a case with this id was already read (line {})", entry.line);
  return false;
}

}  // namespace frist::io
