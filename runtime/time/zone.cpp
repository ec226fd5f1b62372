// Zone: loads an IANA time zone once from the system tz database through
// Howard Hinnant's date/tz, flattens its UTC-offset history into a sorted
// table of changes, and answers every later question (offset at an instant,
// local date, local midnight, local time → instant) by an indexed lookup in
// that table: no locks, no allocation, no tz library call after load().
#include "runtime/time/zone.hpp"

#include <date/tz.h>

// date 3.0.1's ptz.h says `hh_mm_ss` unqualified under both `using namespace
// date` and `using namespace std::chrono`, which is ambiguous in C++20. A
// using-declaration in namespace Posix is found first and settles it.
namespace Posix {
using date::hh_mm_ss;
}
#include <date/ptz.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace frist::time {
namespace {

// The table spans these years; outside it the nearest entry's offset holds.
constexpr int kTableFirstYear = 1850;
constexpr int kTableEndYear = 2300;  // exclusive

using SysSeconds = date::sys_seconds;

Micros to_micros(SysSeconds t) noexcept {
  return static_cast<Micros>(t.time_since_epoch().count()) * kMicrosPerSecond;
}

SysSeconds start_of_year(int year) {
  return SysSeconds{date::sys_days{date::year{year} / 1 / 1}};
}

// The POSIX TZ rule a version 2+ TZif file carries after its data (e.g.
// `CET-1CEST,M3.5.0,M10.5.0/3`): the tz database's own rule for instants
// after the file's last explicit transition. date 3.0.1 does not read it
// from the system database (it treats the last transition's offset as
// permanent, which would drop summer time after 2037), so load() reads it
// here and lets date's Posix::time_zone expand it. Empty when absent.
std::string read_tzif_footer(const char* iana_name) {
  // The directory date 3.0.1 reads the system database from on Linux.
  const std::string path = fmt::format("/usr/share/zoneinfo/{}", iana_name);
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (data.size() < 6 || data.compare(0, 4, "TZif") != 0 || data[4] < '2') return {};
  if (data.back() != '\n') return {};
  const std::size_t open = data.rfind('\n', data.size() - 2);
  if (open == std::string::npos) return {};
  return data.substr(open + 1, data.size() - open - 2);
}

}  // namespace

Result<Zone> Zone::load(const char* iana_name) {
  if (iana_name == nullptr || *iana_name == '\0') {
    return make_error("no time zone name given");
  }
  try {
    const date::time_zone* tz = date::locate_zone(iana_name);
    Zone zone;
    const auto push = [&zone](Micros at, std::int32_t offset_s) {
      if (zone.changes_.empty() || zone.changes_.back().offset_s != offset_s) {
        zone.changes_.push_back(Change{at, offset_s});
      }
    };

    const SysSeconds table_begin = start_of_year(kTableFirstYear);
    const SysSeconds table_end = start_of_year(kTableEndYear);
    SysSeconds t = table_begin;
    SysSeconds last_begin = t;
    bool open_ended = false;  // the database's last period runs past the table
    while (t < table_end) {
      const date::sys_info info = tz->get_info(t);
      push(to_micros(std::max(info.begin, table_begin)),
           static_cast<std::int32_t>(info.offset.count()));
      last_begin = std::max(info.begin, table_begin);
      if (info.end <= t) break;  // defensive: never loop on a malformed period
      if (info.end >= table_end) {
        open_ended = true;
        break;
      }
      t = info.end;
    }

    // Continue past the last explicit transition with the database's own
    // POSIX rule, when it has one with summer time.
    const std::string footer = open_ended ? read_tzif_footer(iana_name) : std::string{};
    if (!footer.empty() && footer.find(',') != std::string::npos) {
      std::optional<Posix::time_zone> rule;
      try {
        rule.emplace(footer);
      } catch (const std::exception&) {
        rule.reset();  // an unreadable rule: keep the explicit transitions only
      }
      if (rule && rule->get_info(last_begin).offset.count() == zone.changes_.back().offset_s) {
        t = last_begin;
        while (t < table_end) {
          const date::sys_info info = rule->get_info(t);
          push(to_micros(std::max(info.begin, last_begin)),
               static_cast<std::int32_t>(info.offset.count()));
          if (info.end <= t) break;
          t = info.end;
        }
      }
    }

    if (zone.changes_.empty()) {
      return make_error(fmt::format("time zone '{}' has no offsets in the system tz database", iana_name));
    }
    // from_local() relies on the local-time windows of the changes (see
    // there) following each other without overlap; refuse a zone where they
    // do not rather than answer wrongly.
    for (std::size_t k = 1; k < zone.changes_.size(); ++k) {
      const std::int32_t before_prev = zone.changes_[k == 1 ? 0 : k - 2].offset_s;
      const Change& prev = zone.changes_[k - 1];
      const Change& next = zone.changes_[k];
      const Micros prev_window_end = prev.at + Micros{std::max(before_prev, prev.offset_s)} * kMicrosPerSecond;
      const Micros next_window_start = next.at + Micros{std::min(prev.offset_s, next.offset_s)} * kMicrosPerSecond;
      if (next_window_start < prev_window_end) {
        return make_error(
            fmt::format("time zone '{}' changes its offset too often to be mapped from local time", iana_name));
      }
    }
    zone.build_indexes();
    return zone;
  } catch (const std::exception& e) {
    return make_error(fmt::format(
        "cannot load time zone '{}' from the system time-zone database (is tzdata installed?): {}",
        iana_name, e.what()));
  }
}

void Zone::Index::build(const std::vector<Micros>& sorted) {
  before.clear();
  if (sorted.empty()) return;
  base = sorted.front();
  const auto buckets = static_cast<std::size_t>((sorted.back() - base) >> kBucketShift) + 2;
  before.resize(buckets);
  std::size_t k = 0;
  for (std::size_t b = 0; b < buckets; ++b) {
    const Micros bucket_start = base + (static_cast<Micros>(b) << kBucketShift);
    while (k < sorted.size() && sorted[k] < bucket_start) ++k;
    before[b] = static_cast<std::uint32_t>(k);
  }
}

std::size_t Zone::Index::count_at_or_before(const std::vector<Micros>& sorted, Micros t) const noexcept {
  if (before.empty() || t < base) return 0;  // base is the first instant
  const auto bucket = std::min(static_cast<std::size_t>((t - base) >> kBucketShift), before.size() - 1);
  std::size_t k = before[bucket];
  while (k < sorted.size() && sorted[k] <= t) ++k;
  return k;
}

void Zone::build_indexes() {
  change_at_.clear();
  window_start_.clear();
  for (std::size_t k = 0; k < changes_.size(); ++k) {
    change_at_.push_back(changes_[k].at);
    // Each change k moves the wall clock from `before` to `after` at UTC
    // `at`; in local time it disturbs [at + min(before, after), at +
    // max(before, after)). These starts increase with k (load() checks that
    // the windows do not overlap).
    const Micros before = Micros{changes_[k == 0 ? 0 : k - 1].offset_s} * kMicrosPerSecond;
    const Micros after = Micros{changes_[k].offset_s} * kMicrosPerSecond;
    window_start_.push_back(changes_[k].at + std::min(before, after));
  }
  utc_index_.build(change_at_);
  local_index_.build(window_start_);
}

std::int32_t Zone::offset_seconds_at(Micros utc) const noexcept {
  if (changes_.empty()) return 0;
  // The last change at or before `utc`; before the first, the first entry's offset.
  const std::size_t after = utc_index_.count_at_or_before(change_at_, utc);
  return after == 0 ? changes_.front().offset_s : changes_[after - 1].offset_s;
}

Days Zone::local_date(Micros utc) const noexcept {
  const Micros local = utc + Micros{offset_seconds_at(utc)} * kMicrosPerSecond;
  Micros day = local / kMicrosPerDay;
  if (local % kMicrosPerDay < 0) --day;
  return static_cast<Days>(day);
}

Micros Zone::local_midnight(Days d) const noexcept { return from_local(d, 0).utc; }

LocalInstant Zone::from_local(Days d, Micros micros_of_day) const noexcept {
  const Micros local = Micros{d} * kMicrosPerDay + micros_of_day;
  if (changes_.empty()) return LocalInstant{local, LocalMapping::Unique};

  // The last change whose disturbance window starts at or before `local`
  // (see build_indexes).
  const std::size_t lo = local_index_.count_at_or_before(window_start_, local);
  if (lo == 0) {
    return LocalInstant{local - Micros{changes_.front().offset_s} * kMicrosPerSecond,
                        LocalMapping::Unique};
  }
  const std::size_t k = lo - 1;
  const Micros before = Micros{changes_[k == 0 ? 0 : k - 1].offset_s} * kMicrosPerSecond;
  const Micros after = Micros{changes_[k].offset_s} * kMicrosPerSecond;
  if (local >= changes_[k].at + std::max(before, after)) {
    return LocalInstant{local - after, LocalMapping::Unique};
  }
  // Inside the window: the offset in force before the change applies.
  return LocalInstant{local - before,
                      after > before ? LocalMapping::Nonexistent : LocalMapping::Ambiguous};
}

bool Zone::fixed_offset_day(Days d, std::int32_t& offset_s) const noexcept {
  const Micros start = Micros{d} * kMicrosPerDay;
  if (changes_.empty()) {
    offset_s = 0;
    return true;
  }
  // As from_local: the change governing the day's first microsecond; no
  // later change may start to disturb the clock before the day ends.
  const std::size_t lo = local_index_.count_at_or_before(window_start_, start);
  if (lo < window_start_.size() && window_start_[lo] < start + kMicrosPerDay) return false;
  if (lo == 0) {
    offset_s = changes_.front().offset_s;
    return true;
  }
  const std::size_t k = lo - 1;
  const std::int32_t before = changes_[k == 0 ? 0 : k - 1].offset_s;
  const std::int32_t after = changes_[k].offset_s;
  if (start < changes_[k].at + Micros{std::max(before, after)} * kMicrosPerSecond) return false;
  offset_s = after;
  return true;
}

}  // namespace frist::time
