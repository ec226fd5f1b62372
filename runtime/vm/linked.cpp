// Linking a compiled ruleset into a bundle: vocabulary remapping by code
// patching, constant values, attribute-by-name tables and the precomputed
// holiday calendar, then the superinstruction pass.
#include "runtime/vm/linked.hpp"

#include <fmt/format.h>

#include <map>

#include "runtime/vm/fused.hpp"
#include "runtime/vm/machine.hpp"

namespace frist::vm {
namespace {

void put_u16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}
void put_u32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

}  // namespace

Result<std::shared_ptr<const LinkedRuleset>> LinkedRuleset::link_alone(
    std::shared_ptr<const bytecode::CompiledRuleset> compiled, const time::Zone& zone, bool superinstructions) {
  model::Vocabulary::Remap identity;
  const auto& v = compiled->vocabulary;
  for (std::uint32_t t = 0; t < v.size(); ++t) {
    identity.event_type.push_back(t);
    std::vector<std::uint32_t> slots;
    for (std::uint32_t s = 0; s < v.event_types()[t].attributes.size(); ++s) slots.push_back(s);
    identity.attribute.push_back(std::move(slots));
  }
  for (std::uint32_t a = 0; a < v.case_attributes().size(); ++a) identity.case_attribute.push_back(a);
  return link(compiled, compiled->vocabulary, identity, zone, superinstructions);
}

Result<std::shared_ptr<const LinkedRuleset>> LinkedRuleset::link(std::shared_ptr<const bytecode::CompiledRuleset> compiled,
                                                                 const model::Vocabulary& bundle,
                                                                 const model::Vocabulary::Remap& remap,
                                                                 const time::Zone& zone, bool superinstructions) {
  auto linked = std::make_shared<LinkedRuleset>();
  linked->compiled_ = compiled;
  linked->vocabulary_ = &bundle;
  linked->zone_ = &zone;
  linked->code_ = compiled->code;

  // Constants as VM values (texts point into the compiled string pool).
  for (const bytecode::Constant& c : compiled->constants) {
    Value v;
    switch (c.kind) {
      case bytecode::ConstKind::Int: v = Value::integer(c.i); break;
      case bytecode::ConstKind::Decimal: v = Value::decimal(c.d); break;
      case bytecode::ConstKind::Text: v = Value::text(compiled->strings.at(c.s)); break;
      case bytecode::ConstKind::Date: v = Value::date(c.days); break;
      case bytecode::ConstKind::Time:
        v = Value::time(time::Timestamp{c.lo, c.hi, c.days, static_cast<time::Precision>(c.precision)});
        break;
      case bytecode::ConstKind::Duration:
        v.tag = Tag::Duration;
        v.small = c.duration_kind;
        v.i32 = c.days;
        v.a = c.micros;
        v.b = c.months;
        break;
    }
    linked->constants_.push_back(v);
  }

  // Patch type, attribute and case-attribute operands to the bundle's ids.
  std::map<std::uint32_t, std::uint32_t> named_index;
  auto map_type = [&](std::uint16_t t) -> std::uint16_t {
    if (t == bytecode::kAnyEventType) return t;
    return static_cast<std::uint16_t>(remap.event_type.at(t));
  };
  for (const bytecode::Function& f : compiled->functions) {
    std::uint32_t pc = f.code_offset;
    const std::uint32_t end = f.code_offset + f.code_size;
    while (pc < end) {
      const auto op = static_cast<bytecode::Op>(linked->code_[pc]);
      std::uint8_t* p = linked->code_.data() + pc + 1;
      switch (op) {
        case bytecode::Op::CASE_ATTR:
          put_u16(p, static_cast<std::uint16_t>(remap.case_attribute.at(bytecode::read_u16(p))));
          break;
        case bytecode::Op::EV_ATTR: {
          const std::uint16_t t = bytecode::read_u16(p);
          const std::uint16_t s = bytecode::read_u16(p + 2);
          put_u16(p, static_cast<std::uint16_t>(remap.event_type.at(t)));
          put_u16(p + 2, static_cast<std::uint16_t>(remap.attribute.at(t).at(s)));
          break;
        }
        case bytecode::Op::EV_ATTR_NAMED: {
          const std::uint32_t name = bytecode::read_u32(p);
          auto [it, inserted] = named_index.emplace(name, static_cast<std::uint32_t>(linked->named_attributes_.size()));
          if (inserted) {
            std::vector<std::int32_t> table(bundle.size(), -1);
            for (std::uint32_t t = 0; t < bundle.size(); ++t) {
              const std::uint32_t slot = bundle.find_attribute(t, compiled->strings.at(name));
              if (slot != model::Vocabulary::kNotFound) table[t] = static_cast<std::int32_t>(slot);
            }
            linked->named_attributes_.push_back(std::move(table));
          }
          put_u32(p, it->second);
          break;
        }
        case bytecode::Op::FIRST_OF:
        case bytecode::Op::LAST_OF:
        case bytecode::Op::EXISTS_OF:
        case bytecode::Op::COUNT_OF:
        case bytecode::Op::IS_TYPE: put_u16(p, map_type(bytecode::read_u16(p))); break;
        case bytecode::Op::ITER_TYPE:
        case bytecode::Op::ITER_FROM: put_u16(p + 2, map_type(bytecode::read_u16(p + 2))); break;
        default: break;
      }
      pc += bytecode::op_info(op).size;
    }
  }

  // Fused after patching (the patterns read patched operands) and before the
  // calendar runs, so holiday functions run as rules do.
  if (superinstructions) fuse(linked->code_, compiled->functions);

  // The calendar: run each holiday's function for every year.
  if (compiled->calendar) {
    Machine machine(*linked);
    model::CaseTimeline empty;
    empty.type_start.assign(bundle.size() + 1, 0);
    std::vector<std::uint32_t> visible(bundle.size(), 0);
    CaseContext ctx;
    ctx.timeline = &empty;
    ctx.type_visible = visible.data();
    std::vector<time::Days> holidays;
    // One step budget for the whole calendar, not one per call: a hostile
    // holiday function that loops until its budget runs out would otherwise
    // cost a budget for each of the 301 years (tests/limits).
    machine.begin_case();
    for (int year = kCalendarFirstYear; year <= kCalendarLastYear; ++year) {
      for (const bytecode::Holiday& h : compiled->calendar->holidays) {
        const Value arg = Value::integer(year);
        const Value d = machine.call(h.function, ctx, &arg, 1);
        if (machine.budget_exhausted()) {
          return make_error(fmt::format("calendar '{}': computing the holidays took more than {} steps (the step budget)",
                                        compiled->strings.at(compiled->calendar->name), kDefaultStepBudget));
        }
        if (d.tag != Tag::Date) {
          return make_error(fmt::format("calendar '{}': the holiday '{}' gives no date for {}",
                                        compiled->strings.at(compiled->calendar->name), compiled->strings.at(h.name), year));
        }
        if (h.from && d.i32 < *h.from) continue;
        if (h.until && d.i32 > *h.until) continue;
        holidays.push_back(d.i32);
      }
    }
    linked->workdays_.emplace(std::move(holidays), kCalendarFirstYear, kCalendarLastYear);
  }
  return std::shared_ptr<const LinkedRuleset>(std::move(linked));
}

}  // namespace frist::vm
