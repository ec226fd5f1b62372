// verify: proves a CompiledRuleset safe to run (docs/bytecode.md
// "Verification"). This file checks the tables — strings, constants,
// vocabulary, functions, calendar, metadata, rules, debug table — and the
// roles the tables give each function; code_verifier.cpp then checks each
// function's instructions. Used by read_file and, on what the lowering
// produced, by the compiler; messages name the section and the problem.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_set>
#include <variant>

#include "runtime/bytecode/code_verifier.hpp"
#include "runtime/bytecode/layout.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/common/utf8.hpp"
#include "runtime/common/utf8.hpp"
#include "runtime/time/zone.hpp"

namespace frist::bytecode {
namespace {

using layout::Section;

// The largest count a u16 operand can address (0xFFFF itself means "any
// event type" for type operands).
constexpr std::size_t kMaxU16Items = 0xFFFF;

class TableVerifier {
 public:
  explicit TableVerifier(const CompiledRuleset& rs) : rs_(rs) {}

  Result<void> run() {
    const bool ok = check_header() && check_strings() && check_constants() && check_vocabulary() &&
                    check_functions() && check_calendar() && check_metadata() && check_rules() && check_debug() &&
                    assign_roles() && check_code();
    if (ok) return {};
    return make_error(error_);
  }

 private:
  bool fail(Section s, const std::string& message) {
    error_ = fmt::format("bytecode: section '{}': {}", layout::section_name(s), message);
    return false;
  }

  // --- shared value checks; each returns an empty string or what is wrong

  bool string_ok(std::uint32_t i) const { return i < rs_.strings.size(); }
  std::string bad_string(std::uint32_t i, std::string_view what) const {
    return fmt::format("{} is string {}, but there are {} strings", what, i, rs_.strings.size());
  }

  static bool day_ok(time::Days d) {
    return d >= time::days_from_civil(time::kMinYear, 1, 1) && d <= time::days_from_civil(time::kMaxYear, 12, 31);
  }
  static std::string bad_day(time::Days d) {
    return fmt::format("the date {} (days since 1970-01-01) lies outside the years {}..{}", d, time::kMinYear,
                       time::kMaxYear);
  }

  static std::string check_decimal(double d) {
    return std::isfinite(d) ? std::string() : std::string("the decimal is not a finite number");
  }

  static std::string check_time(std::int64_t lo, std::int64_t hi, time::Days date, std::uint8_t precision) {
    if (precision > layout::kMaxPrecision) return fmt::format("unknown precision {}", precision);
    if (lo > hi) return fmt::format("the date-time ends ({}) before it starts ({})", hi, lo);
    // Instants of the years 1..9999, with a day to spare for time zones.
    const std::int64_t first = (std::int64_t{time::days_from_civil(time::kMinYear, 1, 1)} - 1) * time::kMicrosPerDay;
    const std::int64_t last = (std::int64_t{time::days_from_civil(time::kMaxYear, 12, 31)} + 2) * time::kMicrosPerDay;
    if (lo < first || hi > last) {
      return fmt::format("the date-time {}..{} (µs since 1970) lies outside the years {}..{}", lo, hi, time::kMinYear,
                         time::kMaxYear);
    }
    if (precision == static_cast<std::uint8_t>(time::Precision::Instant) && lo != hi) {
      return "an instant must start and end at the same microsecond";
    }
    if (!day_ok(date)) return bad_day(date);
    return {};
  }

  // A duration has exactly one kind (model::Duration): calendar durations
  // have no clock part, clock durations no calendar part, workdays only days.
  static std::string check_duration(std::uint8_t kind, std::int32_t months, std::int32_t days, std::int64_t micros) {
    if (kind > layout::kMaxDurationKind) return fmt::format("unknown duration kind {}", kind);
    if (kind == 0 && micros != 0) return "a calendar duration has a clock part";
    if (kind == 1 && (months != 0 || days != 0)) return "a clock duration has a calendar part";
    if (kind == 2 && (months != 0 || micros != 0)) return "a workday duration has months or a clock part";
    return {};
  }

  // --- sections

  bool check_header() {
    if (rs_.flags != 0) {
      error_ = fmt::format("bytecode: header: the flags are {:#010x}, but they must be 0", rs_.flags);
      return false;
    }
    return true;
  }

  bool check_strings() {
    if (rs_.strings.empty() || !rs_.strings[0].empty()) {
      return fail(Section::Strings, "string 0 must be the empty string");
    }
    std::unordered_map<std::string_view, std::uint32_t> seen;
    seen.reserve(rs_.strings.size());
    for (std::uint32_t i = 0; i < rs_.strings.size(); ++i) {
      const std::string& s = rs_.strings[i];
      if (const std::size_t bad = find_invalid_utf8(s); bad != std::string_view::npos) {
        return fail(Section::Strings, fmt::format("string {} is not valid UTF-8 (at byte {})", i, bad));
      }
      if (const auto [it, inserted] = seen.emplace(s, i); !inserted) {
        return fail(Section::Strings, fmt::format("string {} repeats string {}; each string appears once", i,
                                                  it->second));
      }
    }
    return true;
  }

  bool check_constants() {
    for (std::uint32_t i = 0; i < rs_.constants.size(); ++i) {
      const Constant& c = rs_.constants[i];
      std::string problem;
      switch (c.kind) {
        case ConstKind::Int: break;
        case ConstKind::Decimal: problem = check_decimal(c.d); break;
        case ConstKind::Text:
          if (!string_ok(c.s)) problem = bad_string(c.s, "its text");
          break;
        case ConstKind::Date:
          if (!day_ok(c.days)) problem = bad_day(c.days);
          break;
        case ConstKind::Time: problem = check_time(c.lo, c.hi, c.days, c.precision); break;
        case ConstKind::Duration: problem = check_duration(c.duration_kind, c.months, c.days, c.micros); break;
        default: problem = fmt::format("unknown kind {}", static_cast<unsigned>(c.kind)); break;
      }
      if (!problem.empty()) return fail(Section::Constants, fmt::format("constant {}: {}", i, problem));
    }
    return true;
  }

  static std::string check_literal(const model::AttributeDecl& a) {
    if (!a.default_value) return {};
    const model::Literal& lit = *a.default_value;
    if (lit.type != a.type || lit.value.index() != static_cast<std::size_t>(a.type)) {
      return fmt::format("its default is not of type {}", model::to_string(a.type));
    }
    if (const auto* d = std::get_if<double>(&lit.value)) return check_decimal(*d);
    if (const auto* s = std::get_if<std::string>(&lit.value)) {
      if (find_invalid_utf8(*s) != std::string_view::npos) return "its default is not valid UTF-8";
    }
    if (const auto* d = std::get_if<time::Days>(&lit.value); d != nullptr && !day_ok(*d)) return bad_day(*d);
    if (const auto* t = std::get_if<time::Timestamp>(&lit.value)) {
      return check_time(t->lo, t->hi, t->date, static_cast<std::uint8_t>(t->precision));
    }
    if (const auto* u = std::get_if<model::Duration>(&lit.value)) {
      return check_duration(static_cast<std::uint8_t>(u->kind), u->months, u->days, u->micros);
    }
    return {};
  }

  // Names and docs of the vocabulary are plain strings in memory (the writer
  // puts them into the pool), so they are checked here too.
  bool check_attributes(const std::vector<model::AttributeDecl>& attrs, const std::string& owner) {
    if (attrs.size() > kMaxU16Items) {
      return fail(Section::Vocabulary, fmt::format("{} has {} attributes; at most {}", owner, attrs.size(),
                                                   kMaxU16Items));
    }
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t i = 0; i < attrs.size(); ++i) {
      const model::AttributeDecl& a = attrs[i];
      std::string problem;
      if (static_cast<std::uint8_t>(a.type) > layout::kMaxValueType) {
        problem = fmt::format("unknown value type {}", static_cast<unsigned>(a.type));
      } else if (find_invalid_utf8(a.name) != std::string_view::npos || find_invalid_utf8(a.doc) != std::string_view::npos) {
        problem = "its name or doc is not valid UTF-8";
      } else if (const auto [it, inserted] = seen.emplace(a.name, i); !inserted) {
        problem = fmt::format("the name '{}' is also attribute {}", a.name, it->second);
      } else {
        problem = check_literal(a);
      }
      if (!problem.empty()) return fail(Section::Vocabulary, fmt::format("{}, attribute {}: {}", owner, i, problem));
    }
    return true;
  }

  bool check_vocabulary() {
    const auto& types = rs_.vocabulary.event_types();
    if (types.size() >= kMaxU16Items) {
      return fail(Section::Vocabulary, fmt::format("{} event types; at most {} (65535 means any type)", types.size(),
                                                   kMaxU16Items - 1));
    }
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t t = 0; t < types.size(); ++t) {
      const std::string owner = fmt::format("event type {}", t);
      if (find_invalid_utf8(types[t].name) != std::string_view::npos ||
          find_invalid_utf8(types[t].doc) != std::string_view::npos) {
        return fail(Section::Vocabulary, owner + ": its name or doc is not valid UTF-8");
      }
      if (const auto [it, inserted] = seen.emplace(types[t].name, t); !inserted) {
        return fail(Section::Vocabulary, fmt::format("{}: the name '{}' is also event type {}", owner, types[t].name,
                                                     it->second));
      }
      if (!check_attributes(types[t].attributes, owner)) return false;
    }
    return check_attributes(rs_.vocabulary.case_attributes(), "case attributes");
  }

  bool check_functions() {
    const std::size_t n = rs_.functions.size();
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    for (std::uint32_t i = 0; i < n; ++i) {
      const Function& f = rs_.functions[i];
      const auto fail_fn = [&](const std::string& problem) {
        return fail(Section::Functions, fmt::format("function {}: {}", i, problem));
      };
      if (f.code_size == 0) return fail_fn("it has no code");
      if (std::uint64_t{f.code_offset} + f.code_size > rs_.code.size()) {
        return fail_fn(fmt::format("its code {}..{} lies outside the code section ({} bytes)", f.code_offset,
                                   std::uint64_t{f.code_offset} + f.code_size, rs_.code.size()));
      }
      if (f.slot_kinds.size() > kMaxU16Items) return fail_fn(fmt::format("{} slots; at most {}", f.slot_kinds.size(), kMaxU16Items));
      if (f.param_count > f.slot_kinds.size()) {
        return fail_fn(fmt::format("{} parameters but only {} slots", f.param_count, f.slot_kinds.size()));
      }
      for (std::size_t s = 0; s < f.slot_kinds.size(); ++s) {
        const Kind k = f.slot_kinds[s];
        if (static_cast<std::uint8_t>(k) > layout::kMaxSlotKind) {
          return fail_fn(fmt::format("slot {} has unknown kind {}", s, static_cast<unsigned>(k)));
        }
        if (s < f.param_count && (k == Kind::Iterator || k == Kind::Accumulator)) {
          return fail_fn(fmt::format("parameter {} has kind {}; parameters hold values", s, layout::kind_name(k)));
        }
      }
    }
    std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) {
      return rs_.functions[a].code_offset < rs_.functions[b].code_offset;
    });
    for (std::size_t k = 1; k < n; ++k) {
      const Function& prev = rs_.functions[order[k - 1]];
      const Function& cur = rs_.functions[order[k]];
      if (cur.code_offset < prev.code_offset + prev.code_size) {
        return fail(Section::Functions, fmt::format("the code of functions {} and {} overlaps", order[k - 1], order[k]));
      }
    }
    return true;
  }

  bool function_ok(std::uint32_t f) const { return f < rs_.functions.size(); }
  std::string bad_function(std::uint32_t f) const {
    return fmt::format("function {} does not exist (there are {})", f, rs_.functions.size());
  }

  bool check_calendar() {
    if (!rs_.calendar) return true;
    const Calendar& cal = *rs_.calendar;
    if (!string_ok(cal.name)) return fail(Section::Calendar, bad_string(cal.name, "its name"));
    for (std::size_t i = 0; i < cal.holidays.size(); ++i) {
      const Holiday& h = cal.holidays[i];
      std::string problem;
      if (!string_ok(h.name)) problem = bad_string(h.name, "its name");
      else if (!function_ok(h.function)) problem = bad_function(h.function);
      else if (h.from && !day_ok(*h.from)) problem = bad_day(*h.from);
      else if (h.until && !day_ok(*h.until)) problem = bad_day(*h.until);
      if (!problem.empty()) return fail(Section::Calendar, fmt::format("holiday {}: {}", i, problem));
    }
    return true;
  }

  bool check_metadata() {
    const Metadata& m = rs_.meta;
    const std::pair<std::uint32_t, const char*> strings[] = {
        {m.id, "the id"}, {m.title, "the title"}, {m.version, "the version"}, {m.source, "the source"}};
    for (const auto& [index, what] : strings) {
      if (!string_ok(index)) return fail(Section::Metadata, bad_string(index, what));
    }
    for (const auto& d : {m.effective_from, m.effective_until}) {
      if (d && !day_ok(*d)) return fail(Section::Metadata, "the effective period: " + bad_day(*d));
    }
    if (m.case_date_function != kNoFunction && !function_ok(m.case_date_function)) {
      return fail(Section::Metadata, "the case-date " + bad_function(m.case_date_function));
    }
    if (m.language > layout::kMaxLanguage) {
      return fail(Section::Metadata, fmt::format("unknown language {} (0 da, 1 en)", m.language));
    }
    return true;
  }

  bool check_rules() {
    std::unordered_set<std::uint32_t> ids;
    for (std::size_t i = 0; i < rs_.rules.size(); ++i) {
      const Rule& r = rs_.rules[i];
      const auto fail_rule = [&](const std::string& problem) {
        return fail(Section::Rules, fmt::format("rule {}: {}", i, problem));
      };
      const std::pair<std::uint32_t, const char*> strings[] = {
          {r.id, "its id"}, {r.title, "its title"}, {r.basis, "its basis"}, {r.note, "its note"}};
      for (const auto& [index, what] : strings) {
        if (!string_ok(index)) return fail_rule(bad_string(index, what));
      }
      if (!ids.insert(r.id).second) return fail_rule(fmt::format("its id '{}' is used by an earlier rule", rs_.strings[r.id]));
      if (static_cast<std::uint8_t>(r.status) > 1) {
        return fail_rule(fmt::format("unknown status {}", static_cast<unsigned>(r.status)));
      }
      if (!function_ok(r.function)) return fail_rule(bad_function(r.function));
      if (r.occurrence_type != kAnyEventType && r.occurrence_type >= rs_.vocabulary.size()) {
        return fail_rule(fmt::format("its occurrence type {} does not exist (the vocabulary has {})",
                                     r.occurrence_type, rs_.vocabulary.size()));
      }
      const std::size_t slots = rs_.functions[r.function].slot_kinds.size();
      for (std::size_t e = 0; e < r.evidence.size(); ++e) {
        if (r.evidence[e].slot >= slots) {
          return fail_rule(fmt::format("evidence {} names slot {}, but function {} has {} slots", e,
                                       r.evidence[e].slot, r.function, slots));
        }
        if (!string_ok(r.evidence[e].name)) return fail_rule(bad_string(r.evidence[e].name, fmt::format("evidence {}'s name", e)));
      }
    }
    return true;
  }

  bool check_debug() {
    for (std::size_t i = 0; i < rs_.debug.size(); ++i) {
      const DebugEntry& d = rs_.debug[i];
      std::string problem;
      if (d.pc >= rs_.code.size()) problem = fmt::format("pc {} lies outside the code ({} bytes)", d.pc, rs_.code.size());
      else if (i > 0 && d.pc < rs_.debug[i - 1].pc) problem = fmt::format("pc {} comes after pc {}; entries are sorted by pc", d.pc, rs_.debug[i - 1].pc);
      else if (!string_ok(d.file)) problem = bad_string(d.file, "its file");
      if (!problem.empty()) return fail(Section::Debug, fmt::format("entry {}: {}", i, problem));
    }
    for (std::size_t i = 0; i < rs_.rule_sources.size(); ++i) {
      const RuleSource& s = rs_.rule_sources[i];
      std::string problem;
      if (s.rule >= rs_.rules.size()) problem = fmt::format("rule {} does not exist ({} rules)", s.rule, rs_.rules.size());
      else if (i > 0 && s.rule <= rs_.rule_sources[i - 1].rule) problem = "the texts are not sorted by rule, one per rule";
      else if (find_invalid_utf8(s.deadline) != std::string_view::npos || find_invalid_utf8(s.subject) != std::string_view::npos)
        problem = "a text is not valid UTF-8";
      if (!problem.empty()) return fail(Section::Debug, fmt::format("rule source text {}: {}", i, problem));
    }
    return true;
  }

  // --- what each function is for

  bool give_role(std::uint32_t f, FunctionRole role, std::string label) {
    if (roles_[f] != FunctionRole::Other && roles_[f] != role) {
      return fail(Section::Functions, fmt::format("function {} is used as {} and as {}", f, labels_[f], label));
    }
    if (roles_[f] == FunctionRole::Other) labels_[f] = std::move(label);
    roles_[f] = role;
    const Function& fn = rs_.functions[f];
    if (role == FunctionRole::Holiday) {
      if (fn.param_count != 1 || fn.slot_kinds[0] != Kind::Int) {
        return fail(Section::Functions, fmt::format("function {} ({}) must take exactly one parameter, the year, "
                                                    "in an int slot 0",
                                                    f, labels_[f]));
      }
    } else if (fn.param_count != 0) {
      return fail(Section::Functions, fmt::format("function {} ({}) takes {} parameters; it must take none", f,
                                                  labels_[f], fn.param_count));
    }
    return true;
  }

  bool assign_roles() {
    roles_.assign(rs_.functions.size(), FunctionRole::Other);
    labels_.assign(rs_.functions.size(), {});
    for (const Rule& r : rs_.rules) {
      if (!give_role(r.function, FunctionRole::Rule, fmt::format("rule '{}'", rs_.strings[r.id]))) return false;
    }
    if (rs_.calendar) {
      for (const Holiday& h : rs_.calendar->holidays) {
        if (!give_role(h.function, FunctionRole::Holiday, fmt::format("holiday '{}'", rs_.strings[h.name]))) return false;
      }
    }
    if (rs_.meta.case_date_function != kNoFunction &&
        !give_role(rs_.meta.case_date_function, FunctionRole::CaseDate, "the case date")) {
      return false;
    }
    return true;
  }

  bool check_code() {
    CodeContext ctx(rs_);
    for (std::uint32_t f = 0; f < rs_.functions.size(); ++f) {
      const std::string label = labels_[f].empty() ? fmt::format("function {}", f)
                                                   : fmt::format("function {} ({})", f, labels_[f]);
      if (Result<void> r = verify_function_code(ctx, f, roles_[f], label); !r) {
        error_ = r.error().message;
        return false;
      }
    }
    return true;
  }

  const CompiledRuleset& rs_;
  std::vector<FunctionRole> roles_;
  std::vector<std::string> labels_;
  std::string error_;
};

}  // namespace

Result<void> verify(const CompiledRuleset& ruleset) { return TableVerifier(ruleset).run(); }

}  // namespace frist::bytecode
