// write_file: the deterministic serialisation of a CompiledRuleset into the
// `.fristc` layout of docs/bytecode.md (header, section table, the nine
// sections in id order, little-endian). The same ruleset always gives the
// same bytes; nothing here depends on time, paths or hash-table order.
#include <bit>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "runtime/bytecode/format_version.hpp"
#include "runtime/bytecode/layout.hpp"
#include "runtime/bytecode/program.hpp"

namespace frist::bytecode {
namespace {

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { put(v, 2); }
  void u32(std::uint32_t v) { put(v, 4); }
  void i32(std::int32_t v) { put(static_cast<std::uint32_t>(v), 4); }
  void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
  void f64(double v) { put(std::bit_cast<std::uint64_t>(v), 8); }
  void flag(bool v) { u8(v ? 1 : 0); }
  void bytes(const std::uint8_t* p, std::size_t n) { out_.insert(out_.end(), p, p + n); }
  void count(std::size_t n) { u32(static_cast<std::uint32_t>(n)); }

  std::vector<std::uint8_t>& data() { return out_; }

 private:
  void put(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  std::vector<std::uint8_t> out_;
};

// The string pool as written: the ruleset's strings, then any vocabulary
// name, doc or text default the lowering did not put there (appended in the
// order the vocabulary is written, so the result stays deterministic and a
// file read back and written again is byte-identical). A name is referred to
// by its first index in the pool.
class StringPool {
 public:
  explicit StringPool(const std::vector<std::string>& strings) : strings_(strings) {
    if (strings_.empty()) strings_.emplace_back();
    for (std::uint32_t i = 0; i < strings_.size(); ++i) index_.emplace(strings_[i], i);
  }

  std::uint32_t intern(const std::string& s) {
    if (const auto it = index_.find(s); it != index_.end()) return it->second;
    const auto i = static_cast<std::uint32_t>(strings_.size());
    strings_.push_back(s);
    index_.emplace(s, i);
    return i;
  }

  const std::vector<std::string>& strings() const { return strings_; }

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::uint32_t> index_;  // lookups only; never iterated
};

void write_date_optional(ByteWriter& w, const std::optional<time::Days>& d) {
  w.flag(d.has_value());
  w.i32(d.value_or(0));
}

void write_time(ByteWriter& w, std::int64_t lo, std::int64_t hi, std::int32_t date, std::uint8_t precision) {
  w.i64(lo);
  w.i64(hi);
  w.i32(date);
  w.u8(precision);
}

void write_duration(ByteWriter& w, std::uint8_t kind, std::int32_t months, std::int32_t days, std::int64_t micros) {
  w.u8(kind);
  w.i32(months);
  w.i32(days);
  w.i64(micros);
}

void write_constants(ByteWriter& w, const std::vector<Constant>& constants) {
  w.count(constants.size());
  for (const Constant& c : constants) {
    w.u8(static_cast<std::uint8_t>(c.kind));
    switch (c.kind) {
      case ConstKind::Int: w.i64(c.i); break;
      case ConstKind::Decimal: w.f64(c.d); break;
      case ConstKind::Text: w.u32(c.s); break;
      case ConstKind::Date: w.i32(c.days); break;
      case ConstKind::Time: write_time(w, c.lo, c.hi, c.days, c.precision); break;
      case ConstKind::Duration: write_duration(w, c.duration_kind, c.months, c.days, c.micros); break;
    }
  }
}

// The default in the attribute's type. A default whose value does not match
// the type (which verify() rejects) is written as that type's zero value, so
// the output is still well-formed.
void write_default(ByteWriter& w, StringPool& pool, model::ValueType type, const model::Literal& lit) {
  const auto& v = lit.value;
  switch (type) {
    case model::ValueType::Bool: {
      const bool* b = std::get_if<bool>(&v);
      w.flag(b != nullptr && *b);
      break;
    }
    case model::ValueType::Int: {
      const std::int64_t* i = std::get_if<std::int64_t>(&v);
      w.i64(i != nullptr ? *i : 0);
      break;
    }
    case model::ValueType::Decimal: {
      const double* d = std::get_if<double>(&v);
      w.f64(d != nullptr ? *d : 0.0);
      break;
    }
    case model::ValueType::Text: {
      const std::string* s = std::get_if<std::string>(&v);
      w.u32(s != nullptr ? pool.intern(*s) : 0);
      break;
    }
    case model::ValueType::Date: {
      const time::Days* d = std::get_if<time::Days>(&v);
      w.i32(d != nullptr ? *d : 0);
      break;
    }
    case model::ValueType::DateTime: {
      const time::Timestamp t = std::holds_alternative<time::Timestamp>(v) ? std::get<time::Timestamp>(v)
                                                                          : time::Timestamp{};
      write_time(w, t.lo, t.hi, t.date, static_cast<std::uint8_t>(t.precision));
      break;
    }
    case model::ValueType::Duration: {
      const model::Duration d = std::holds_alternative<model::Duration>(v) ? std::get<model::Duration>(v)
                                                                          : model::Duration{};
      write_duration(w, static_cast<std::uint8_t>(d.kind), d.months, d.days, d.micros);
      break;
    }
  }
}

void write_attributes(ByteWriter& w, StringPool& pool, const std::vector<model::AttributeDecl>& attrs) {
  w.count(attrs.size());
  for (const model::AttributeDecl& a : attrs) {
    w.u32(pool.intern(a.name));
    w.u8(static_cast<std::uint8_t>(a.type));
    w.u32(pool.intern(a.doc));
    w.flag(a.default_value.has_value());
    if (a.default_value) write_default(w, pool, a.type, *a.default_value);
  }
}

void write_vocabulary(ByteWriter& w, StringPool& pool, const model::Vocabulary& vocabulary) {
  w.count(vocabulary.event_types().size());
  for (const model::EventTypeDecl& t : vocabulary.event_types()) {
    w.u32(pool.intern(t.name));
    w.u32(pool.intern(t.doc));
    write_attributes(w, pool, t.attributes);
  }
  write_attributes(w, pool, vocabulary.case_attributes());
}

void write_calendar(ByteWriter& w, const std::optional<Calendar>& calendar) {
  w.flag(calendar.has_value());
  if (!calendar) return;
  w.u32(calendar->name);
  w.count(calendar->holidays.size());
  for (const Holiday& h : calendar->holidays) {
    w.u32(h.name);
    w.u32(h.function);
    write_date_optional(w, h.from);
    write_date_optional(w, h.until);
  }
}

void write_metadata(ByteWriter& w, const Metadata& m) {
  w.u32(m.id);
  w.u32(m.title);
  w.u32(m.version);
  w.u32(m.source);
  write_date_optional(w, m.effective_from);
  write_date_optional(w, m.effective_until);
  w.u32(m.case_date_function);
  w.u8(m.language);
}

void write_rules(ByteWriter& w, const std::vector<Rule>& rules) {
  w.count(rules.size());
  for (const Rule& r : rules) {
    w.u32(r.id);
    w.u32(r.title);
    w.u32(r.basis);
    w.u32(r.note);
    w.u8(static_cast<std::uint8_t>(r.status));
    w.u32(r.function);
    w.flag(r.for_each);
    w.u16(r.occurrence_type);
    w.count(r.evidence.size());
    for (const EvidenceSlot& e : r.evidence) {
      w.u16(e.slot);
      w.u32(e.name);
    }
  }
}

void write_functions(ByteWriter& w, const std::vector<Function>& functions) {
  w.count(functions.size());
  for (const Function& f : functions) {
    w.u32(f.code_offset);
    w.u32(f.code_size);
    w.u16(f.param_count);
    w.u16(f.max_stack);
    w.u16(static_cast<std::uint16_t>(f.slot_kinds.size()));
    for (Kind k : f.slot_kinds) w.u8(static_cast<std::uint8_t>(k));
  }
}

void write_text(ByteWriter& w, const std::string& s) {
  w.count(s.size());
  w.bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

void write_debug(ByteWriter& w, const std::vector<DebugEntry>& debug, const std::vector<RuleSource>& sources) {
  w.count(debug.size());
  for (const DebugEntry& d : debug) {
    w.u32(d.pc);
    w.u32(d.file);
    w.u32(d.line);
    w.u32(d.column);
  }
  w.count(sources.size());
  for (const RuleSource& s : sources) {
    w.u32(s.rule);
    write_text(w, s.deadline);
    write_text(w, s.subject);
  }
}

void write_strings(ByteWriter& w, const std::vector<std::string>& strings) {
  w.count(strings.size());
  for (const std::string& s : strings) {
    w.count(s.size());
    w.bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
  }
}

}  // namespace

std::vector<std::uint8_t> write_file(const CompiledRuleset& rs) {
  using layout::Section;
  StringPool pool(rs.strings);

  // Every section but the strings first, since the vocabulary may add strings.
  std::array<ByteWriter, layout::kSectionCount> sections;
  auto at = [&sections](Section s) -> ByteWriter& { return sections[static_cast<std::size_t>(s) - 1]; };
  write_constants(at(Section::Constants), rs.constants);
  write_vocabulary(at(Section::Vocabulary), pool, rs.vocabulary);
  write_calendar(at(Section::Calendar), rs.calendar);
  write_metadata(at(Section::Metadata), rs.meta);
  write_rules(at(Section::Rules), rs.rules);
  write_functions(at(Section::Functions), rs.functions);
  at(Section::Code).bytes(rs.code.data(), rs.code.size());
  write_debug(at(Section::Debug), rs.debug, rs.rule_sources);
  write_strings(at(Section::Strings), pool.strings());

  std::size_t total = layout::kFirstSectionOffset;
  for (auto& s : sections) total += s.data().size();

  ByteWriter out;
  out.data().reserve(total);
  out.bytes(layout::kMagic.data(), layout::kMagic.size());
  out.u32(kFormatVersion);
  out.u32(rs.flags);
  out.bytes(rs.source_sha256.data(), rs.source_sha256.size());
  out.u32(layout::kSectionCount);
  out.count(total);
  std::size_t offset = layout::kFirstSectionOffset;
  for (std::uint32_t id = 1; id <= layout::kSectionCount; ++id) {
    const std::size_t size = sections[id - 1].data().size();
    out.u32(id);
    out.count(offset);
    out.count(size);
    offset += size;
  }
  for (auto& s : sections) out.bytes(s.data().data(), s.data().size());
  return std::move(out.data());
}

}  // namespace frist::bytecode
