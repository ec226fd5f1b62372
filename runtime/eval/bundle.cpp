// Bundles: vocabulary merge, linking, temporal-validity checks and per-case
// coverage.
#include "runtime/eval/bundle.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace frist::eval {
namespace {

std::string hex(const std::array<std::uint8_t, 32>& bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

// How a ruleset finds its case date, independent of pool and id numbering:
// the case-date function's instructions with constants spelled out and
// event types by name. Two dated rulesets in one bundle must agree on it.
std::string case_date_fingerprint(const bytecode::CompiledRuleset& r) {
  if (r.meta.case_date_function == bytecode::kNoFunction) return "first event";
  const bytecode::Function& f = r.functions.at(r.meta.case_date_function);
  std::string out;
  std::uint32_t pc = f.code_offset;
  while (pc < f.code_offset + f.code_size) {
    const auto op = static_cast<bytecode::Op>(r.code[pc]);
    const bytecode::OpInfo& info = bytecode::op_info(op);
    out += info.name;
    const std::uint8_t* p = r.code.data() + pc + 1;
    switch (op) {
      case bytecode::Op::FIRST_OF:
      case bytecode::Op::LAST_OF:
      case bytecode::Op::EXISTS_OF:
      case bytecode::Op::COUNT_OF:
      case bytecode::Op::IS_TYPE: {
        const std::uint16_t t = bytecode::read_u16(p);
        out += " " + (t == bytecode::kAnyEventType ? std::string("*") : r.vocabulary.event_types().at(t).name);
        break;
      }
      case bytecode::Op::ITER_TYPE:
      case bytecode::Op::ITER_FROM: {
        const std::uint16_t t = bytecode::read_u16(p + 2);
        out += " " + (t == bytecode::kAnyEventType ? std::string("*") : r.vocabulary.event_types().at(t).name);
        out += fmt::format(" {} {}", bytecode::read_u16(p), p[4]);
        break;
      }
      case bytecode::Op::EV_ATTR: {
        const std::uint16_t t = bytecode::read_u16(p);
        const auto& decl = r.vocabulary.event_types().at(t);
        out += " " + decl.name + "." + decl.attributes.at(bytecode::read_u16(p + 2)).name;
        break;
      }
      case bytecode::Op::CONST: {
        const bytecode::Constant& c = r.constants.at(bytecode::read_u16(p));
        out += fmt::format(" {}:{}:{}:{}:{}:{}:{}", static_cast<int>(c.kind), c.i, c.d,
                           c.kind == bytecode::ConstKind::Text ? r.strings.at(c.s) : std::string(), c.days, c.lo, c.months);
        break;
      }
      default:
        for (std::uint32_t k = 1; k < info.size; ++k) out += fmt::format(" {}", r.code[pc + k]);
        break;
    }
    out += ";";
    pc += info.size;
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Bundle>> Bundle::create(std::vector<std::shared_ptr<const bytecode::CompiledRuleset>> rulesets,
                                               std::vector<std::string> sources, const time::Zone& zone) {
  std::unique_ptr<Bundle> b(new Bundle(zone));
  std::vector<model::Vocabulary::Remap> remaps;
  for (std::size_t i = 0; i < rulesets.size(); ++i) {
    auto remap = b->vocabulary_.merge(rulesets[i]->vocabulary);
    if (!remap) {
      return make_error(fmt::format("{}: cannot be loaded together with the rulesets before it: {}", sources[i],
                                    remap.error().message));
    }
    remaps.push_back(std::move(*remap));
  }
  std::optional<std::string> fingerprint;
  std::size_t fingerprint_of = 0;
  for (std::size_t i = 0; i < rulesets.size(); ++i) {
    const bytecode::CompiledRuleset& r = *rulesets[i];
    auto linked = vm::LinkedRuleset::link(rulesets[i], b->vocabulary_, remaps[i], zone);
    if (!linked) return make_error(fmt::format("{}: {}", sources[i], linked.error().message));
    Member m;
    m.compiled = rulesets[i];
    m.linked = *linked;
    m.source = sources[i];
    m.id = r.strings.at(r.meta.id);
    m.version = r.strings.at(r.meta.version);
    m.sha256_hex = hex(r.source_sha256);
    m.from = r.meta.effective_from;
    m.until = r.meta.effective_until;
    m.dated = m.from.has_value() || m.until.has_value();
    for (const Member& other : b->members_) {
      if (other.id == m.id) {
        return make_error(fmt::format("{}: the ruleset '{}' is already loaded (from {})", sources[i], m.id, other.source));
      }
    }
    if (m.dated) {
      ++b->dated_count_;
      const std::string fp = case_date_fingerprint(r);
      if (!fingerprint) {
        fingerprint = fp;
        fingerprint_of = i;
      } else if (*fingerprint != fp) {
        return make_error(fmt::format("{} and {} find the case date differently; rulesets with an effective period "
                                      "must find it the same way to be loaded together",
                                      sources[fingerprint_of], sources[i]));
      }
      for (const Member& other : b->members_) {
        if (!other.dated) continue;
        const time::Days a_from = m.from.value_or(INT32_MIN), a_until = m.until.value_or(INT32_MAX);
        const time::Days b_from = other.from.value_or(INT32_MIN), b_until = other.until.value_or(INT32_MAX);
        if (a_from <= b_until && b_from <= a_until) {
          auto period = [](const Member& x) {
            return fmt::format("{} – {}", x.from ? time::format_date(*x.from) : std::string("…"),
                               x.until ? time::format_date(*x.until) : std::string("…"));
          };
          return make_error(fmt::format("the effective periods of '{}' ({}) and '{}' ({}) overlap; a case must have one "
                                        "law in force. Load them in separate runs, or fix the periods",
                                        other.id, period(other), m.id, period(m)));
        }
      }
    }
    b->members_.push_back(std::move(m));
  }
  return b;
}

Evaluator::Evaluator(const Bundle& bundle) : bundle_(bundle) {
  machines_.reserve(bundle.members().size());
  for (const Member& m : bundle.members()) machines_.emplace_back(*m.linked);
}

const Coverage& Evaluator::cover(const model::CaseTimeline& timeline, time::Days as_of) {
  vm::prepare_context(timeline, as_of, bundle_.zone(), type_visible_, ctx_);
  for (vm::Machine& m : machines_) m.begin_case();
  coverage_.members.clear();
  coverage_.case_date.reset();
  coverage_.uncovered_reason.clear();
  const auto& members = bundle_.members();
  if (bundle_.has_dated()) {
    // All dated members find the case date the same way: ask the first.
    std::uint32_t first_dated = 0;
    while (!members[first_dated].dated) ++first_dated;
    const bytecode::CompiledRuleset& r = *members[first_dated].compiled;
    if (r.meta.case_date_function != bytecode::kNoFunction) {
      const vm::Value d = machines_[first_dated].call(r.meta.case_date_function, ctx_, nullptr, 0);
      if (d.tag == vm::Tag::Date) coverage_.case_date = d.i32;
    } else if (ctx_.visible > 0) {
      coverage_.case_date = timeline.events.front().at.date;
    }
    if (coverage_.case_date) {
      for (std::uint32_t i = 0; i < members.size(); ++i) {
        const Member& m = members[i];
        if (!m.dated) continue;
        if (m.from && *coverage_.case_date < *m.from) continue;
        if (m.until && *coverage_.case_date > *m.until) continue;
        coverage_.members.push_back(i);
      }
    }
  }
  for (std::uint32_t i = 0; i < members.size(); ++i)
    if (!members[i].dated) coverage_.members.push_back(i);
  std::sort(coverage_.members.begin(), coverage_.members.end());
  if (coverage_.members.empty()) {
    // In Danish when the rulesets are Danish (the first one decides).
    const bool da = !members.empty() && members.front().compiled->meta.language == 0;
    if (coverage_.case_date) {
      const std::string d = time::format_date(*coverage_.case_date);
      coverage_.uncovered_reason =
          da ? fmt::format("sagsdatoen {} ligger uden for gyldighedsperioden for alle indlæste regelsæt", d)
             : fmt::format("case date {} lies outside the effective period of every loaded ruleset", d);
    } else {
      coverage_.uncovered_reason =
          da ? "ingen hændelse af en kendt type senest på opgørelsesdatoen, så sagen har ingen sagsdato"
             : "no event of a declared type on or before the as-of date, so no case date";
    }
  }
  return coverage_;
}

void Evaluator::evaluate(std::uint32_t member, std::vector<vm::RuleResult>& results, const vm::EvalOptions& options) {
  const auto& rules = bundle_.members()[member].compiled->rules;
  results.resize(rules.size());
  for (std::uint32_t r = 0; r < rules.size(); ++r) machines_[member].evaluate(r, ctx_, results[r], options);
}

}  // namespace frist::eval
