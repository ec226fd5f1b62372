// read_file: parses a `.fristc` file (docs/bytecode.md) into a
// CompiledRuleset with bounds-checked cursors, checks the header, the
// section table and every field it decodes (enum values, string indices it
// needs, the canonical encoding of absent optionals), then runs verify().
// A malformed or hostile file yields an Error naming the section and the
// problem; nothing here throws or reads out of bounds, and every allocation
// is bounded by the bytes the file actually has (counts are checked first).
#include <fmt/format.h>

#include <cstring>

#include "runtime/bytecode/cursor.hpp"
#include "runtime/bytecode/format_version.hpp"
#include "runtime/bytecode/layout.hpp"
#include "runtime/bytecode/program.hpp"
#include "runtime/common/utf8.hpp"

namespace frist::bytecode {
namespace {

using layout::Section;

std::uint32_t le32(const std::uint8_t* p) noexcept { return read_u32(p); }

class Reader {
 public:
  explicit Reader(const std::vector<std::uint8_t>& bytes) : bytes_(bytes) {}

  // Fills `rs`; returns the error message, empty when all is well.
  std::string parse(CompiledRuleset& rs) {
    if (!parse_header(rs)) return error_;
    if (!parse_section_table()) return error_;
    read_strings(rs);
    if (ok()) read_constants(rs);
    if (ok()) read_vocabulary(rs);
    if (ok()) read_calendar(rs);
    if (ok()) read_metadata(rs);
    if (ok()) read_rules(rs);
    if (ok()) read_functions(rs);
    if (ok()) read_code(rs);
    if (ok()) read_debug(rs);
    return error_;
  }

 private:
  bool ok() const noexcept { return error_.empty(); }

  bool fail(std::string message) {
    if (ok()) error_ = std::move(message);
    return false;
  }

  bool parse_header(CompiledRuleset& rs) {
    const std::size_t size = bytes_.size();
    const std::size_t magic_bytes = std::min(size, layout::kMagic.size());
    if (magic_bytes == 0 || std::memcmp(bytes_.data(), layout::kMagic.data(), magic_bytes) != 0) {
      return fail("bytecode: not a Frist bytecode file (it does not start with the magic 'FRISTBC')");
    }
    if (size < 12) {
      return fail(fmt::format("bytecode: the file is cut off: {} bytes, but the header alone has {}", size,
                              layout::kHeaderSize));
    }
    const std::uint32_t version = le32(bytes_.data() + 8);
    if (version != kFormatVersion) {
      return fail(fmt::format("bytecode: this file is format {}; this frist reads format {} — recompile the ruleset",
                              version, kFormatVersion));
    }
    if (size < layout::kFirstSectionOffset) {
      return fail(fmt::format("bytecode: the file is cut off: {} bytes, but the header and section table alone "
                              "have {}",
                              size, layout::kFirstSectionOffset));
    }
    rs.flags = le32(bytes_.data() + 12);
    if (rs.flags != 0) {
      return fail(fmt::format("bytecode: header: the flags are {:#010x}, but format {} defines no flags (they "
                              "must be 0)",
                              rs.flags, kFormatVersion));
    }
    std::memcpy(rs.source_sha256.data(), bytes_.data() + 16, rs.source_sha256.size());
    const std::uint32_t sections = le32(bytes_.data() + 48);
    if (sections != layout::kSectionCount) {
      return fail(fmt::format("bytecode: header: the file says it has {} sections; format {} has exactly {}",
                              sections, kFormatVersion, layout::kSectionCount));
    }
    const std::uint32_t total = le32(bytes_.data() + 52);
    if (total != size) {
      return fail(fmt::format("bytecode: header: the file should be {} bytes long but is {} ({})", total, size,
                              total > size ? "cut off" : "bytes after the end"));
    }
    return true;
  }

  // Sections are listed in id order and lie back to back after the table,
  // the last one ending at the end of the file (docs/bytecode.md).
  bool parse_section_table() {
    std::size_t expected = layout::kFirstSectionOffset;
    for (std::uint32_t i = 0; i < layout::kSectionCount; ++i) {
      const std::uint8_t* entry = bytes_.data() + layout::kHeaderSize + i * layout::kSectionEntrySize;
      const std::uint32_t id = le32(entry);
      const std::uint32_t offset = le32(entry + 4);
      const std::uint32_t size = le32(entry + 8);
      if (id != i + 1) {
        return fail(fmt::format("bytecode: section table: entry {} has section id {}; the entries must be the "
                                "sections 1 to {} in order",
                                i, id, layout::kSectionCount));
      }
      const char* name = layout::section_name(static_cast<Section>(id));
      if (offset != expected) {
        return fail(fmt::format("bytecode: section table: section '{}' starts at byte {}, expected {} (sections "
                                "follow the table and each other without gaps or overlap)",
                                name, offset, expected));
      }
      if (size > bytes_.size() - offset) {
        return fail(fmt::format("bytecode: section table: section '{}' ({} bytes at byte {}) runs past the end of "
                                "the file ({} bytes)",
                                name, size, offset, bytes_.size()));
      }
      ranges_[i] = {offset, size};
      expected = std::size_t{offset} + size;
    }
    if (expected != bytes_.size()) {
      return fail(fmt::format("bytecode: section table: the last section ends at byte {}, but the file has {} "
                              "bytes",
                              expected, bytes_.size()));
    }
    return true;
  }

  Cursor section(Section s) {
    const auto& r = ranges_[static_cast<std::size_t>(s) - 1];
    return Cursor(bytes_.data() + r.offset, r.size, layout::section_name(s), error_);
  }

  // A string index the reader itself resolves (vocabulary names and docs).
  const std::string& string_at(Cursor& c, const CompiledRuleset& rs, std::uint32_t index, const char* field) {
    static const std::string kEmpty;
    if (index >= rs.strings.size()) {
      c.fail(fmt::format("its {} is string {}, but there are {} strings", field, index, rs.strings.size()));
      return kEmpty;
    }
    return rs.strings[index];
  }

  // `u8 has_<name>, i32 <name>`; an absent date must be encoded as 0.
  std::optional<time::Days> optional_date(Cursor& c, const char* has_name, const char* name) {
    const bool has = c.flag(has_name);
    const std::int32_t value = c.i32();
    if (!has && value != 0) c.fail(fmt::format("{} is 0 but {} is {}; an absent date is written as 0", has_name, name, value));
    if (!has) return std::nullopt;
    return value;
  }

  void read_strings(CompiledRuleset& rs) {
    Cursor c = section(Section::Strings);
    const std::uint32_t count = c.u32();
    if (!c.fits(count, 4, "strings")) return;
    rs.strings.reserve(count);
    for (std::uint32_t i = 0; i < count && c.ok(); ++i) {
      c.at("string", i);
      const std::uint32_t length = c.u32();
      const std::string_view s = c.bytes(length);
      if (!c.ok()) return;
      if (const std::size_t bad = find_invalid_utf8(s); bad != std::string_view::npos) {
        c.fail(fmt::format("not valid UTF-8 (at byte {})", bad));
        return;
      }
      rs.strings.emplace_back(s);
    }
    c.expect_end();
  }

  void read_time(Cursor& c, Constant& k) {
    k.lo = c.i64();
    k.hi = c.i64();
    k.days = c.i32();
    k.precision = c.u8();
  }

  void read_duration(Cursor& c, Constant& k) {
    k.duration_kind = c.u8();
    k.months = c.i32();
    k.days = c.i32();
    k.micros = c.i64();
  }

  void read_constants(CompiledRuleset& rs) {
    Cursor c = section(Section::Constants);
    const std::uint32_t count = c.u32();
    if (!c.fits(count, 5, "constants")) return;  // the smallest constant: kind + i32
    rs.constants.reserve(count);
    for (std::uint32_t i = 0; i < count && c.ok(); ++i) {
      c.at("constant", i);
      const std::uint8_t kind = c.u8();
      if (c.ok() && kind > layout::kMaxConstKind) {
        c.fail(fmt::format("unknown kind {}", kind));
        return;
      }
      Constant k;
      k.kind = static_cast<ConstKind>(kind);
      switch (k.kind) {
        case ConstKind::Int: k.i = c.i64(); break;
        case ConstKind::Decimal: k.d = c.f64(); break;
        case ConstKind::Text: k.s = c.u32(); break;
        case ConstKind::Date: k.days = c.i32(); break;
        case ConstKind::Time: read_time(c, k); break;
        case ConstKind::Duration: read_duration(c, k); break;
      }
      rs.constants.push_back(k);
    }
    c.expect_end();
  }

  // The default literal of an attribute, in its value type.
  std::optional<model::Literal> read_default(Cursor& c, const CompiledRuleset& rs, model::ValueType type) {
    model::Literal lit;
    lit.type = type;
    switch (type) {
      case model::ValueType::Bool: lit.value = c.flag("the bool default"); break;
      case model::ValueType::Int: lit.value = c.i64(); break;
      case model::ValueType::Decimal: lit.value = c.f64(); break;
      case model::ValueType::Text: lit.value = string_at(c, rs, c.u32(), "default"); break;
      case model::ValueType::Date: lit.value = time::Days{c.i32()}; break;
      case model::ValueType::DateTime: {
        Constant k;
        read_time(c, k);
        if (c.ok() && k.precision > layout::kMaxPrecision) c.fail(fmt::format("default has unknown precision {}", k.precision));
        lit.value = time::Timestamp{k.lo, k.hi, k.days, static_cast<time::Precision>(k.precision)};
        break;
      }
      case model::ValueType::Duration: {
        Constant k;
        read_duration(c, k);
        if (c.ok() && k.duration_kind > layout::kMaxDurationKind) {
          c.fail(fmt::format("default has unknown duration kind {}", k.duration_kind));
        }
        lit.value = model::Duration{static_cast<model::Duration::Kind>(k.duration_kind), k.months, k.days, k.micros};
        break;
      }
    }
    return lit;
  }

  // The attributes of an event type or the case; the caller has set the
  // cursor's item (the event type, or "case attributes").
  std::vector<model::AttributeDecl> read_attributes(Cursor& c, const CompiledRuleset& rs) {
    std::vector<model::AttributeDecl> attrs;
    const std::uint32_t count = c.u32();
    if (!c.fits(count, 10, "attributes")) return attrs;  // name, type, doc, has_default
    attrs.reserve(count);
    for (std::uint32_t i = 0; i < count && c.ok(); ++i) {
      c.at_sub("attribute", i);
      model::AttributeDecl a;
      a.name = string_at(c, rs, c.u32(), "name");
      const std::uint8_t type = c.u8();
      if (c.ok() && type > layout::kMaxValueType) {
        c.fail(fmt::format("unknown value type {}", type));
        break;
      }
      a.type = static_cast<model::ValueType>(type);
      a.doc = string_at(c, rs, c.u32(), "doc");
      if (c.flag("has_default")) a.default_value = read_default(c, rs, a.type);
      attrs.push_back(std::move(a));
    }
    return attrs;
  }

  void read_vocabulary(CompiledRuleset& rs) {
    Cursor c = section(Section::Vocabulary);
    const std::uint32_t types = c.u32();
    if (!c.fits(types, 12, "event types")) return;  // name, doc, attribute count
    for (std::uint32_t t = 0; t < types && c.ok(); ++t) {
      c.at("event type", t);
      model::EventTypeDecl decl;
      decl.name = string_at(c, rs, c.u32(), "name");
      decl.doc = string_at(c, rs, c.u32(), "doc");
      decl.attributes = read_attributes(c, rs);
      if (c.ok()) rs.vocabulary.add_event_type(std::move(decl));
    }
    if (!c.ok()) return;
    c.at("case attributes");
    for (auto& a : read_attributes(c, rs)) {
      if (c.ok()) rs.vocabulary.add_case_attribute(std::move(a));
    }
    c.expect_end();
  }

  void read_calendar(CompiledRuleset& rs) {
    Cursor c = section(Section::Calendar);
    if (c.flag("present")) {
      Calendar cal;
      cal.name = c.u32();
      const std::uint32_t count = c.u32();
      if (!c.fits(count, 18, "holidays")) return;  // name, function, two optional dates
      cal.holidays.reserve(count);
      for (std::uint32_t i = 0; i < count && c.ok(); ++i) {
        c.at("holiday", i);
        Holiday h;
        h.name = c.u32();
        h.function = c.u32();
        h.from = optional_date(c, "has_from", "from");
        h.until = optional_date(c, "has_until", "until");
        cal.holidays.push_back(h);
      }
      rs.calendar = std::move(cal);
    }
    c.expect_end();
  }

  void read_metadata(CompiledRuleset& rs) {
    Cursor c = section(Section::Metadata);
    Metadata& m = rs.meta;
    m.id = c.u32();
    m.title = c.u32();
    m.version = c.u32();
    m.source = c.u32();
    m.effective_from = optional_date(c, "has_from", "from");
    m.effective_until = optional_date(c, "has_until", "until");
    m.case_date_function = c.u32();
    m.language = c.u8();
    if (c.ok() && m.language > layout::kMaxLanguage) c.fail(fmt::format("unknown language {} (0 da, 1 en)", m.language));
    c.expect_end();
  }

  void read_rules(CompiledRuleset& rs) {
    Cursor c = section(Section::Rules);
    const std::uint32_t count = c.u32();
    if (!c.fits(count, 28, "rules")) return;  // a rule without evidence
    rs.rules.reserve(count);
    for (std::uint32_t i = 0; i < count && c.ok(); ++i) {
      c.at("rule", i);
      Rule r;
      r.id = c.u32();
      r.title = c.u32();
      r.basis = c.u32();
      r.note = c.u32();
      const std::uint8_t status = c.u8();
      if (c.ok() && status > 1) c.fail(fmt::format("unknown status {} (0 verified, 1 unverified)", status));
      r.status = static_cast<RuleStatus>(status);
      r.function = c.u32();
      r.for_each = c.flag("for_each");
      r.occurrence_type = c.u16();
      const std::uint32_t evidence = c.u32();
      if (!c.fits(evidence, 6, "evidence slots")) return;
      r.evidence.reserve(evidence);
      for (std::uint32_t e = 0; e < evidence && c.ok(); ++e) {
        EvidenceSlot slot;
        slot.slot = c.u16();
        slot.name = c.u32();
        r.evidence.push_back(slot);
      }
      rs.rules.push_back(std::move(r));
    }
    c.expect_end();
  }

  void read_functions(CompiledRuleset& rs) {
    Cursor c = section(Section::Functions);
    const std::uint32_t count = c.u32();
    if (!c.fits(count, 14, "functions")) return;
    rs.functions.reserve(count);
    for (std::uint32_t i = 0; i < count && c.ok(); ++i) {
      c.at("function", i);
      Function f;
      f.code_offset = c.u32();
      f.code_size = c.u32();
      f.param_count = c.u16();
      f.max_stack = c.u16();
      const std::uint16_t slots = c.u16();
      if (!c.fits(slots, 1, "slots")) return;
      f.slot_kinds.reserve(slots);
      for (std::uint16_t s = 0; s < slots && c.ok(); ++s) {
        const std::uint8_t kind = c.u8();
        if (c.ok() && kind > layout::kMaxSlotKind) {
          c.fail(fmt::format("slot {} has unknown kind {}", s, kind));
          return;
        }
        f.slot_kinds.push_back(static_cast<Kind>(kind));
      }
      rs.functions.push_back(std::move(f));
    }
    c.expect_end();
  }

  void read_code(CompiledRuleset& rs) {
    const auto& r = ranges_[static_cast<std::size_t>(Section::Code) - 1];
    rs.code.assign(bytes_.begin() + r.offset, bytes_.begin() + r.offset + r.size);
  }

  void read_debug(CompiledRuleset& rs) {
    Cursor c = section(Section::Debug);
    const std::uint32_t count = c.u32();
    if (!c.fits(count, 16, "debug entries")) return;
    rs.debug.reserve(count);
    for (std::uint32_t i = 0; i < count && c.ok(); ++i) {
      DebugEntry d;
      d.pc = c.u32();
      d.file = c.u32();
      d.line = c.u32();
      d.column = c.u32();
      rs.debug.push_back(d);
    }
    const std::uint32_t sources = c.u32();
    if (!c.fits(sources, 12, "rule source texts")) return;
    rs.rule_sources.reserve(sources);
    for (std::uint32_t i = 0; i < sources && c.ok(); ++i) {
      c.at("rule source text", i);
      RuleSource s;
      s.rule = c.u32();
      for (std::string* text : {&s.deadline, &s.subject}) {
        const std::uint32_t n = c.u32();
        if (!c.fits(n, 1, "text bytes")) return;
        *text = std::string(c.bytes(n));
      }
      rs.rule_sources.push_back(std::move(s));
    }
    c.expect_end();
  }

  struct Range {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };

  const std::vector<std::uint8_t>& bytes_;
  std::array<Range, layout::kSectionCount> ranges_{};
  std::string error_;
};

}  // namespace

Result<CompiledRuleset> read_file(const std::vector<std::uint8_t>& bytes) {
  if (bytes.size() > kMaxFileBytes) {
    return make_error(fmt::format("bytecode: the file is larger than the limit of {} bytes ({} MiB)", kMaxFileBytes,
                                  kMaxFileBytes >> 20));
  }
  CompiledRuleset rs;
  Reader reader(bytes);
  if (std::string error = reader.parse(rs); !error.empty()) return make_error(std::move(error));
  if (Result<void> verified = verify(rs); !verified) return verified.error();
  return rs;
}

}  // namespace frist::bytecode
