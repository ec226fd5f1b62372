// The case model of `frist gen` and the simulation that fills it: one
// child-welfare case at a time, in the vocabulary of spec/rulesets.md §1,
// from (seed, case index) alone. The model is format-neutral; the writers in
// cli/gen/writers.hpp turn it into JSON Lines, CSV or XES. Nothing here
// allocates: a CaseRecord is filled in place and reused for the next case.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "cli/gen/calendar.hpp"
#include "cli/gen/random.hpp"

namespace frist::gen {

struct Municipality;

enum class EventType : std::uint8_t {
  Underretning,
  UnderretningVurderet,
  UnderretningKvitteret,
  Opmaerksom,
  UndersoegelsePaabegyndt,
  UndersoegelseAfsluttet,
  ForeloebigVurdering,
  Partshoeringsmoede,
  Boernesamtale,
  SamtaleForaeldremyndighed,
  SynspunkterIndhentet,
  Afgoerelse,
  Handleplan,
  HandleplanUndladt,
  BarnetsPlan,
  Ungeplan,
  UngeplanVurderet,
  IndsatsIvaerksat,
  IndsatsOphoert,
  Opfoelgning,
  AnbringelseIvaerksat,
  AnbringelseOphoert,
  Tilsynsbesoeg,
};
inline constexpr std::size_t kEventTypeCount = 23;

// Event attributes of the vocabulary. The order is the column order of the
// CSV writer.
enum class Attribute : std::uint8_t {
  Fagperson,
  Underretning,
  Opdateret,
  Om,
  Afslaaet,
  Hjemmel,
  Akut,
  SamtaleUndladt,
  Formaal,
  Varighed,
  Anbringelse,
  UdenSamtykke,
  AngiverIndsats,
  Begrundelse,
};
inline constexpr std::size_t kAttributeCount = 14;

// Names exactly as case data spells them (UTF-8).
std::string_view event_type_name(EventType type) noexcept;
std::string_view attribute_name(Attribute attribute) noexcept;

// An event id such as "u1" (notification) or "a2" (decision); prefix 0 = none.
struct EventId {
  char prefix = 0;
  std::uint8_t number = 0;
  constexpr bool present() const noexcept { return prefix != 0; }
};

enum class ValueKind : std::uint8_t {
  Bool,       // `flag`
  Text,       // `text`, a static string
  Reference,  // `reference`, written as text ("u1")
};

struct AttributeValue {
  Attribute name = Attribute::Fagperson;
  ValueKind kind = ValueKind::Bool;
  bool flag = false;
  EventId reference;
  std::string_view text;
};

// How a timestamp is written: a date, or a local Copenhagen date-time without
// offset, or the same instant in UTC with `Z`, or local time with its offset.
enum class ClockStyle : std::uint8_t { DateOnly, Local, Utc, Offset };

struct EventTime {
  Days day = 0;             // local Copenhagen date
  std::int32_t second = 0;  // local seconds since midnight (unused for DateOnly)
  ClockStyle style = ClockStyle::DateOnly;
  bool with_seconds = false;  // `hh:mm:ss` rather than `hh:mm` in JSONL/CSV

  // Input-order key: a date sorts at the start of its day.
  constexpr std::int64_t sort_key() const noexcept {
    return std::int64_t{day} * kSecondsPerDay + (style == ClockStyle::DateOnly ? -1 : second);
  }
};

inline constexpr std::size_t kMaxAttributesPerEvent = 8;

struct Event {
  EventType type = EventType::Underretning;
  EventTime at;
  EventId id;
  std::uint8_t attribute_count = 0;
  std::array<AttributeValue, kMaxAttributesPerEvent> attributes;
};

// The deliberately broken lines/rows/traces (spec/case-data.md §4) that
// exercise "nothing lost". Each writer renders a kind in its own format:
//   BrokenSyntax   JSONL: the line is cut short; CSV: the timestamp is written
//                  as `DD-MM-YYYY`; XES: the event has no time:timestamp.
//   ImpossibleDate the event's date is written as YYYY-02-30.
//   WrongValueType a boolean attribute is written as the text "ja" (XES: as
//                  an <int> 0/1, as some systems export booleans).
//   BadTimestamp   `YYYY-MM-DD hh:mm` (a space instead of `T`).
enum class Malformation : std::uint8_t { None, BrokenSyntax, ImpossibleDate, WrongValueType, BadTimestamp };

// Upper bound on events per case; the simulation stops adding events there.
inline constexpr std::size_t kMaxEvents = 128;

struct CaseRecord {
  std::uint64_t index = 0;  // 0-based position in the output
  const Municipality* municipality = nullptr;  // always set; used in the case id
  bool kommune_recorded = true;                // false: the `kommune` attribute is missing
  bool born_recorded = true;                   // false: the `født` attribute is missing
  Days born = 0;
  Malformation malformation = Malformation::None;
  std::uint8_t damaged_event = 0;      // index into events
  std::uint8_t damaged_attribute = 0;  // index into that event's attributes (WrongValueType)
  std::uint32_t event_count = 0;
  std::array<Event, kMaxEvents> events;
};

struct GeneratorOptions {
  std::uint64_t seed = 1;
  PerMillion malformed_rate = 1000;  // 0.1 % of cases are malformed lines
};

// The simulated world ends here: the data extract was taken on this day, so
// no event lies after it.
inline const Days kExtractDay = days_from_civil(2025, 12, 31);
// Barnets lov applies to decisions from this day (spec/rulesets.md §4).
inline const Days kBarnetsLovDay = days_from_civil(2024, 1, 1);

// Fills `out` with case number `index` (0-based). Depends on (options, index)
// only, never on other cases.
void generate_case(const GeneratorOptions& options, std::uint64_t index, CaseRecord& out) noexcept;

}  // namespace frist::gen
