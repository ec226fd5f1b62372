// Derived statistics, group order and merging of reports.
#include "runtime/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace frist::report {

std::uint64_t RuleCounts::assessed() const noexcept {
  std::uint64_t n = 0;
  for (std::uint64_t v : verdicts) n += v;
  return n;
}

void RuleCounts::add(const RuleCounts& other) {
  for (std::size_t i = 0; i < verdicts.size(); ++i) verdicts[i] += other.verdicts[i];
  exempt += other.exempt;
  for (const auto& [text, n] : other.undetermined_reasons) undetermined_reasons[text] += n;
}

RuleStats stats(const RuleCounts& c) noexcept {
  RuleStats s;
  s.compliant = c.count(vm::Verdict::Compliant);
  s.n = s.compliant + c.count(vm::Verdict::Violated);
  s.rate = rate(s.compliant, s.n);
  s.ci95 = wilson_interval(s.compliant, s.n);
  s.small_n = s.n > 0 && (s.n < kSmallNMin || (s.ci95 && s.ci95->width() > kSmallNMaxWidth));
  return s;
}

std::string Report::language() const { return rulesets.empty() ? "da" : rulesets.front().language; }

namespace {

// A collation key for Danish alphabetical order: ASCII letters case-folded,
// æ/ø/å (either case) after z in that order, other bytes as they are.
std::string collation_key(std::string_view s) {
  std::string key;
  key.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      char mapped = 0;
      if (d == 0x86 || d == 0xA6) mapped = '{';        // Æ æ
      else if (d == 0x98 || d == 0xB8) mapped = '|';   // Ø ø
      else if (d == 0x85 || d == 0xA5) mapped = '}';   // Å å
      if (mapped != 0) {
        key.push_back(mapped);
        ++i;
        continue;
      }
    }
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
  }
  return key;
}

}  // namespace

bool group_order(const Group& a, const Group& b) {
  if (!a.value || !b.value) return a.value.has_value() && !b.value.has_value();
  const std::string ka = collation_key(*a.value), kb = collation_key(*b.value);
  if (ka != kb) return ka < kb;
  return *a.value < *b.value;
}

void sort_groups(std::vector<Group>& groups) { std::sort(groups.begin(), groups.end(), group_order); }

namespace {

std::string describe_rulesets(const std::vector<RulesetInfo>& rs) {
  std::string out;
  for (const RulesetInfo& r : rs) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {} ({})", r.id, r.version, r.sha256.substr(0, 8));
  }
  return out.empty() ? "none" : out;
}

}  // namespace

Result<void> merge(Report& into, const Report& other) {
  if (into.as_of != other.as_of)
    return Error{fmt::format("the reports are as of different dates ({} and {}); merge only reports of one --as-of",
                             into.as_of, other.as_of)};
  if (into.rulesets != other.rulesets)
    return Error{fmt::format("the reports use different rulesets ({} and {}); merge only reports of the same rulesets",
                             describe_rulesets(into.rulesets), describe_rulesets(other.rulesets))};
  if (into.rules != other.rules)
    return Error{"the reports list different rules for the same rulesets (edited reports?)"};
  if (into.group_by != other.group_by)
    return Error{fmt::format("the reports are grouped differently ({} and {})",
                             into.group_by.empty() ? "not grouped" : "by " + into.group_by,
                             other.group_by.empty() ? "not grouped" : "by " + other.group_by)};
  if (into.frist_version != other.frist_version)
    return Error{fmt::format("the reports were made by different frist versions ({} and {})", into.frist_version,
                             other.frist_version)};
  into.cases.read += other.cases.read;
  into.cases.evaluated += other.cases.evaluated;
  into.cases.rejected += other.cases.rejected;
  into.cases.uncovered += other.cases.uncovered;
  auto add_group = [](Group& a, const Group& b) {
    a.cases += b.cases;
    for (std::size_t i = 0; i < a.rules.size(); ++i) a.rules[i].add(b.rules[i]);
  };
  add_group(into.total, other.total);
  std::unordered_map<std::string, std::size_t> index;
  std::optional<std::size_t> null_index;
  for (std::size_t i = 0; i < into.groups.size(); ++i) {
    if (into.groups[i].value) index.emplace(*into.groups[i].value, i);
    else null_index = i;
  }
  for (const Group& g : other.groups) {
    std::optional<std::size_t> at;
    if (g.value) {
      if (auto it = index.find(*g.value); it != index.end()) at = it->second;
    } else {
      at = null_index;
    }
    if (at) {
      add_group(into.groups[*at], g);
    } else {
      into.groups.push_back(g);
      if (g.value) index.emplace(*g.value, into.groups.size() - 1);
      else null_index = into.groups.size() - 1;
    }
  }
  sort_groups(into.groups);
  return {};
}

}  // namespace frist::report
