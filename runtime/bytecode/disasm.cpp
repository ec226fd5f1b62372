// disassemble: the human-readable listing of a CompiledRuleset (`frist
// disasm`): header, metadata, vocabulary, calendar, constants, the strings
// code uses as names and reasons, then every function — rules first, with
// their id, title, basis and status — one instruction per line with operands
// resolved to names, jump targets as absolute code offsets, and the source
// position from the debug table whenever it changes. Deterministic, and safe
// on an unverified ruleset too (every index is checked; bad code is shown as
// raw bytes), so it can help when verification fails.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <set>
#include <string_view>

#include "runtime/bytecode/format_version.hpp"
#include "runtime/bytecode/instruction.hpp"
#include "runtime/bytecode/layout.hpp"
#include "runtime/bytecode/program.hpp"

namespace frist::bytecode {
namespace {

constexpr const char* kComparisons[] = {"=", "≠", "<", "<=", ">", ">="};
constexpr const char* kUnits[] = {"years", "months", "weeks", "days", "workdays", "hours", "minutes", "seconds"};
constexpr const char* kDateParts[] = {"year", "month", "day", "weekday"};
constexpr const char* kAccResults[] = {"event", "bool", "int"};

template <std::size_t N>
const char* pick(const char* const (&names)[N], std::int64_t i) {
  return i >= 0 && static_cast<std::size_t>(i) < N ? names[i] : "?";
}

// A string as a double-quoted literal with control characters escaped.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// An instant in UTC, ISO 8601 (`2023-03-01T08:30:00Z`, fractions when non-zero).
std::string utc_text(std::int64_t micros) {
  constexpr std::int64_t kPerDay = 86'400'000'000;
  const std::int64_t day = floor_div(micros, kPerDay);
  const std::int64_t of_day = micros - day * kPerDay;
  const std::int64_t seconds = of_day / 1'000'000;
  const std::int64_t fraction = of_day % 1'000'000;
  std::string out = fmt::format("{}T{:02}:{:02}:{:02}", time::format_date(static_cast<time::Days>(day)),
                                seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (fraction != 0) out += fmt::format(".{:06}", fraction);
  return out + "Z";
}

std::string time_text(std::int64_t lo, std::int64_t hi, time::Days date, std::uint8_t precision) {
  switch (precision) {
    case 0: return fmt::format("{} (whole day {}/{})", time::format_date(date), utc_text(lo), utc_text(hi));
    case 1: return fmt::format("{} (local date {})", utc_text(lo), time::format_date(date));
    case 2: return fmt::format("{}/{} (interval, local date {})", utc_text(lo), utc_text(hi), time::format_date(date));
    default: return fmt::format("{}/{} (precision {}?)", utc_text(lo), utc_text(hi), precision);
  }
}

std::string duration_text(std::uint8_t kind, std::int32_t months, std::int32_t days, std::int64_t micros) {
  switch (kind) {
    case 0: return fmt::format("{} months {} days", months, days);
    case 1: {
      const char* sign = micros < 0 ? "-" : "";
      const std::uint64_t m = micros < 0 ? 0 - static_cast<std::uint64_t>(micros) : static_cast<std::uint64_t>(micros);
      if (m % 1'000'000 == 0) return fmt::format("{}{} seconds", sign, m / 1'000'000);
      return fmt::format("{}{}.{:06} seconds", sign, m / 1'000'000, m % 1'000'000);
    }
    case 2: return fmt::format("{} workdays", days);
    default: return fmt::format("duration kind {}? {} months {} days {} µs", kind, months, days, micros);
  }
}

std::string optional_date_text(const std::optional<time::Days>& d) { return d ? time::format_date(*d) : "—"; }

class Listing {
 public:
  explicit Listing(const CompiledRuleset& rs) : rs_(rs), debug_(rs.debug) {
    std::stable_sort(debug_.begin(), debug_.end(), [](const DebugEntry& a, const DebugEntry& b) { return a.pc < b.pc; });
  }

  std::string run() {
    header();
    metadata();
    vocabulary();
    calendar();
    constants();
    code_strings();
    functions();
    return std::move(out_);
  }

 private:
  template <typename... Args>
  void line(fmt::format_string<Args...> f, Args&&... args) {
    fmt::format_to(std::back_inserter(out_), f, std::forward<Args>(args)...);
    out_ += '\n';
  }

  std::string str(std::uint64_t i) const {
    return i < rs_.strings.size() ? quoted(rs_.strings[i]) : fmt::format("<string {}?>", i);
  }

  std::string type_name(std::int64_t t) const {
    if (t == kAnyEventType) return "any type";
    if (t >= 0 && static_cast<std::size_t>(t) < rs_.vocabulary.size()) {
      return fmt::format("type {} ({})", t, rs_.vocabulary.event_types()[static_cast<std::size_t>(t)].name);
    }
    return fmt::format("type {} (?)", t);
  }

  std::string constant_text(std::int64_t k) const {
    if (k < 0 || static_cast<std::size_t>(k) >= rs_.constants.size()) return fmt::format("k{} (?)", k);
    const Constant& c = rs_.constants[static_cast<std::size_t>(k)];
    std::string value;
    switch (c.kind) {
      case ConstKind::Int: value = fmt::format("{}", c.i); break;
      case ConstKind::Decimal: value = fmt::format("{}", c.d); break;
      case ConstKind::Text: value = str(c.s); break;
      case ConstKind::Date: value = time::format_date(c.days); break;
      case ConstKind::Time: value = time_text(c.lo, c.hi, c.days, c.precision); break;
      case ConstKind::Duration: value = duration_text(c.duration_kind, c.months, c.days, c.micros); break;
      default: value = "?"; break;
    }
    return fmt::format("k{} ({} {})", k, layout::const_kind_name(c.kind), value);
  }

  void header() {
    line("; Frist bytecode, format {}, flags {:#010x}", kFormatVersion, rs_.flags);
    std::string hash;
    for (const std::uint8_t b : rs_.source_sha256) hash += fmt::format("{:02x}", b);
    line("; source SHA-256 {}", hash);
    line("");
  }

  void metadata() {
    const Metadata& m = rs_.meta;
    line("ruleset {}", str(m.id));
    line("  title      {}", str(m.title));
    line("  version    {}", str(m.version));
    line("  source     {}", str(m.source));
    line("  effective  {} .. {}", optional_date_text(m.effective_from), optional_date_text(m.effective_until));
    line("  language   {}", m.language == 0 ? "da" : m.language == 1 ? "en" : "?");
    if (m.case_date_function == kNoFunction) {
      line("  case date  none");
    } else {
      line("  case date  function {}", m.case_date_function);
    }
    line("");
  }

  std::string default_text(const model::Literal& lit) const {
    return std::visit(
        [](const auto& v) -> std::string {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, bool>) return v ? "true" : "false";
          else if constexpr (std::is_same_v<T, std::string>) return quoted(v);
          else if constexpr (std::is_same_v<T, time::Days>) return time::format_date(v);
          else if constexpr (std::is_same_v<T, time::Timestamp>) {
            return time_text(v.lo, v.hi, v.date, static_cast<std::uint8_t>(v.precision));
          } else if constexpr (std::is_same_v<T, model::Duration>) {
            return duration_text(static_cast<std::uint8_t>(v.kind), v.months, v.days, v.micros);
          } else {
            return fmt::format("{}", v);
          }
        },
        lit.value);
  }

  void attribute(const char* what, std::size_t i, const model::AttributeDecl& a) {
    std::string text = fmt::format("  {} {} {}: {}", what, i, quoted(a.name), model::to_string(a.type));
    if (a.default_value) text += " = " + default_text(*a.default_value);
    if (!a.doc.empty()) text += "  ; " + quoted(a.doc);
    line("{}", text);
  }

  void vocabulary() {
    line("vocabulary");
    const auto& types = rs_.vocabulary.event_types();
    for (std::size_t t = 0; t < types.size(); ++t) {
      line("  type {} {}{}", t, quoted(types[t].name), types[t].doc.empty() ? "" : "  ; " + quoted(types[t].doc));
      for (std::size_t s = 0; s < types[t].attributes.size(); ++s) attribute("  slot", s, types[t].attributes[s]);
    }
    const auto& cases = rs_.vocabulary.case_attributes();
    for (std::size_t a = 0; a < cases.size(); ++a) attribute("case attribute", a, cases[a]);
    line("");
  }

  void calendar() {
    if (!rs_.calendar) {
      line("calendar none");
      line("");
      return;
    }
    line("calendar {}", str(rs_.calendar->name));
    for (std::size_t i = 0; i < rs_.calendar->holidays.size(); ++i) {
      const Holiday& h = rs_.calendar->holidays[i];
      line("  holiday {} {}: function {}, from {}, until {}", i, str(h.name), h.function, optional_date_text(h.from),
           optional_date_text(h.until));
    }
    line("");
  }

  void constants() {
    line("constants");
    for (std::size_t k = 0; k < rs_.constants.size(); ++k) line("  {}", constant_text(static_cast<std::int64_t>(k)));
    line("");
  }

  std::size_t function_end(const Function& f) const {
    return std::min<std::size_t>(std::size_t{f.code_offset} + f.code_size, rs_.code.size());
  }

  void code_strings() {
    std::set<std::int64_t> used;
    for (const Function& f : rs_.functions) {
      const std::size_t end = function_end(f);
      for (std::size_t pc = f.code_offset; pc < end;) {
        const auto d = decode_instruction(rs_.code, pc, end);
        if (!d) break;
        if (d->letter[0] == 'w') used.insert(d->operand[0]);
        pc += d->info->size;
      }
    }
    line("strings used as names and reasons");
    for (const std::int64_t s : used) line("  s{} {}", s, str(static_cast<std::uint64_t>(s)));
    line("");
  }

  std::string slot_text(const Function& f, std::int64_t s) const {
    if (s >= 0 && static_cast<std::size_t>(s) < f.slot_kinds.size()) {
      return fmt::format("slot {} ({})", s, layout::kind_name(f.slot_kinds[static_cast<std::size_t>(s)]));
    }
    return fmt::format("slot {} (?)", s);
  }

  std::string operands_text(const Function& f, const Instruction& d) const {
    const auto& v = d.operand;
    const auto target = [&d](std::int64_t offset) { return fmt::format("→ {:04}", std::int64_t{d.next} + offset); };
    switch (d.op) {
      case Op::CONST: return constant_text(v[0]);
      case Op::LOAD:
      case Op::STORE:
      case Op::ACC_INIT:
      case Op::ACC_COUNT:
      case Op::ACC_TAINT:
      case Op::PERIOD_ITER:
      case Op::V_OCCURRENCE: return slot_text(f, v[0]);
      case Op::CASE_ATTR: {
        const auto& cases = rs_.vocabulary.case_attributes();
        const bool ok = static_cast<std::size_t>(v[0]) < cases.size();
        return fmt::format("case attribute {} ({})", v[0], ok ? cases[static_cast<std::size_t>(v[0])].name : "?");
      }
      case Op::EV_ATTR: {
        std::string attr = "?";
        if (static_cast<std::size_t>(v[0]) < rs_.vocabulary.size()) {
          const auto& attrs = rs_.vocabulary.event_types()[static_cast<std::size_t>(v[0])].attributes;
          if (static_cast<std::size_t>(v[1]) < attrs.size()) attr = attrs[static_cast<std::size_t>(v[1])].name;
        }
        return fmt::format("{}, slot {} ({})", type_name(v[0]), v[1], attr);
      }
      case Op::EV_ATTR_NAMED:
      case Op::V_EXEMPT_AFTER: return str(static_cast<std::uint64_t>(v[0]));
      case Op::JUMP:
      case Op::JUMP_IF_FALSE_KEEP:
      case Op::JUMP_IF_TRUE_KEEP:
      case Op::LOOP:
      case Op::V_APPLIES: return target(v[0]);
      case Op::BRANCH: return fmt::format("else {}, end {}", target(v[0]), target(v[1]));
      case Op::V_FILTER: return fmt::format("skip {}, undetermined {}", target(v[0]), target(v[1]));
      case Op::DATE_ADD:
      case Op::TIME_ADD:
      case Op::DUR_ADD: return v[0] == 0 ? "add" : v[0] == 1 ? "subtract" : "?";
      case Op::MAKE_DUR: return pick(kUnits, v[0]);
      case Op::CMP_NUM:
      case Op::CMP_TEXT:
      case Op::CMP_BOOL:
      case Op::CMP_DUR:
      case Op::CMP_DATE:
      case Op::CMP_TIME:
      case Op::CMP_EVENT: return pick(kComparisons, v[0]);
      case Op::EARLIEST:
      case Op::LATEST: return fmt::format("{} {}", v[0], v[1] == 0 ? "dates" : v[1] == 1 ? "date-times" : "?");
      case Op::DATE_PART: return pick(kDateParts, v[0]);
      case Op::FIRST_OF:
      case Op::LAST_OF:
      case Op::EXISTS_OF:
      case Op::COUNT_OF:
      case Op::IS_TYPE: return type_name(v[0]);
      case Op::ITER_TYPE:
      case Op::ITER_FROM:
        return fmt::format("{}, {}, {}", slot_text(f, v[0]), type_name(v[1]), v[2] == 0 ? "forwards" : "backwards");
      case Op::ITER_NEXT:
      case Op::PERIOD_NEXT:
        return fmt::format("{} into {}, done {}", slot_text(f, v[0]), slot_text(f, v[1]), target(v[2]));
      case Op::ACC_FIRST: return fmt::format("{} takes {}, {}", slot_text(f, v[0]), slot_text(f, v[1]), target(v[2]));
      case Op::ACC_EXISTS: return fmt::format("{}, {}", slot_text(f, v[0]), target(v[1]));
      case Op::ACC_RESULT: return fmt::format("{}, {}", slot_text(f, v[0]), pick(kAccResults, v[1]));
      case Op::V_UNDETERMINED:
      case Op::V_EXEMPT_FIRST: return fmt::format("{}, {}", str(static_cast<std::uint64_t>(v[0])), target(v[1]));
      case Op::V_REQUIRE_DATE:
      case Op::V_REQUIRE_TIME: return v[0] == 0 ? "<=" : v[0] == 1 ? "<" : "?";
      default: return {};
    }
  }

  const DebugEntry* source_at(std::size_t pc, std::size_t start) const {
    const auto it = std::upper_bound(debug_.begin(), debug_.end(), pc,
                                     [](std::size_t p, const DebugEntry& d) { return p < d.pc; });
    if (it == debug_.begin()) return nullptr;
    const DebugEntry& d = *std::prev(it);
    return d.pc >= start ? &d : nullptr;
  }

  void function(std::uint32_t index) {
    const Function& f = rs_.functions[index];
    std::string slots;
    for (std::size_t s = 0; s < f.slot_kinds.size(); ++s) {
      slots += fmt::format("{}{} {}", s == 0 ? "" : ", ", s, layout::kind_name(f.slot_kinds[s]));
    }
    line("function {}: {} parameter{}, max stack {}, code at {:04}, {} bytes", index, f.param_count,
         f.param_count == 1 ? "" : "s", f.max_stack, f.code_offset, f.code_size);
    line("  slots: {}", slots.empty() ? "none" : slots);
    const std::size_t end = function_end(f);
    const DebugEntry* shown = nullptr;
    for (std::size_t pc = f.code_offset; pc < end;) {
      if (const DebugEntry* d = source_at(pc, f.code_offset);
          d != nullptr && (shown == nullptr || d->file != shown->file || d->line != shown->line ||
                           d->column != shown->column)) {
        const std::string file = d->file < rs_.strings.size() ? rs_.strings[d->file] : "?";
        line("  ; {}:{}:{}", file, d->line, d->column);
        shown = d;
      }
      const auto d = decode_instruction(rs_.code, pc, end);
      if (!d) {
        line("  {:04}  .byte {:#04x}", pc, rs_.code[pc]);
        ++pc;
        continue;
      }
      const std::string operands = operands_text(f, *d);
      if (operands.empty()) {
        line("  {:04}  {}", pc, d->info->name);
      } else {
        line("  {:04}  {:<18} {}", pc, d->info->name, operands);
      }
      pc = d->next;
    }
    line("");
  }

  void functions() {
    std::vector<bool> listed(rs_.functions.size(), false);
    const auto list = [&](std::uint32_t f) {
      if (f >= rs_.functions.size()) {
        line("  (function {} does not exist)", f);
        line("");
      } else if (listed[f]) {
        line("  (function {} is listed above)", f);
        line("");
      } else {
        listed[f] = true;
        function(f);
      }
    };
    for (std::size_t i = 0; i < rs_.rules.size(); ++i) {
      const Rule& r = rs_.rules[i];
      line("rule {} {}", i, str(r.id));
      line("  title      {}", str(r.title));
      line("  basis      {}", str(r.basis));
      if (r.note != 0) line("  note       {}", str(r.note));
      line("  status     {}", r.status == RuleStatus::Verified ? "verified" : "unverified");
      if (const RuleSource* src = rs_.source_of(static_cast<std::uint32_t>(i))) {
        if (!src->deadline.empty()) line("  deadline   \"{}\"", src->deadline);
        if (!src->subject.empty()) line("  subject    \"{}\"", src->subject);
      }
      if (r.for_each) line("  for each   {}", type_name(r.occurrence_type));
      for (const EvidenceSlot& e : r.evidence) line("  evidence   slot {} {}", e.slot, str(e.name));
      list(r.function);
    }
    if (rs_.meta.case_date_function != kNoFunction) {
      line("case date");
      list(rs_.meta.case_date_function);
    }
    if (rs_.calendar) {
      for (const Holiday& h : rs_.calendar->holidays) {
        line("holiday {}", str(h.name));
        list(h.function);
      }
    }
    for (std::uint32_t f = 0; f < rs_.functions.size(); ++f) {
      if (!listed[f]) function(f);
    }
  }

  const CompiledRuleset& rs_;
  std::vector<DebugEntry> debug_;  // sorted by pc
  std::string out_;
};

}  // namespace

std::string disassemble(const CompiledRuleset& ruleset) { return Listing(ruleset).run(); }

}  // namespace frist::bytecode
