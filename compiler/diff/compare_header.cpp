// The ruleset's own description compared: id, title, version, source,
// effective period, the case-date rule (by canonical form), and the holiday
// calendar (its name; holidays by name: date rule and effective period),
// each calendar change with the rules that count workdays on it.
#include <fmt/format.h>

#include <map>

#include "compiler/diff/compare.hpp"
#include "compiler/diff/describe.hpp"
#include "compiler/diff/sentences.hpp"

namespace frist::compiler::diff {

using grammar::Kw;
using grammar::Lang;

namespace {

std::string period_text(const std::optional<EffectivePeriod>& p, Lang lang) {
  std::string out;
  if (p && p->from) out = kw_text(Kw::From, lang) + " " + time::format_date(*p->from);
  if (p && p->until) {
    if (!out.empty()) out += " ";
    out += kw_text(Kw::Until, lang) + " " + time::format_date(*p->until);
  }
  return out.empty() ? std::string(words(lang).always) : out;
}

void compare_optional(const std::string& kind, const std::string& label, const std::optional<std::string>& a,
                      const std::optional<std::string>& b, Lang lang, std::vector<Change>& out) {
  if (a == b) return;
  out.push_back(prose_change(kind, label, a.value_or(""), b.value_or(""), lang));
}

std::string case_date_text(const CanonicalCaseDate& c, Lang lang) {
  if (c.alternatives.empty()) return words(lang).none;
  std::string out;
  for (const NodePtr& n : c.alternatives) {
    if (!out.empty()) out += " " + kw_text(Kw::Else, lang) + " ";
    out += render(*n, lang);
  }
  return out;
}

struct HolidayView {
  const CheckedHoliday* checked = nullptr;
  NodePtr canonical;
  std::string shown;  // the date rule as the calendar writes it
};

std::map<std::string, HolidayView> holidays_of(const CheckedProgram& p, Lang lang) {
  std::map<std::string, HolidayView> out;
  if (!p.calendar) return out;
  const CalendarDecl* decl = nullptr;
  if (p.program != nullptr) {
    auto it = p.program->calendars.find(p.calendar->name);
    if (it != p.program->calendars.end()) decl = it->second.first;
  }
  for (std::size_t i = 0; i < p.calendar->holidays.size(); ++i) {
    const CheckedHoliday& h = p.calendar->holidays[i];
    HolidayView v;
    v.checked = &h;
    v.canonical = canonical_holiday(p, h);
    const bool as_written = decl != nullptr && i < decl->holidays.size() && decl->holidays[i].name == h.name;
    v.shown = as_written ? render(*source_node(p, *decl->holidays[i].date), lang) : render(*v.canonical, lang);
    out.emplace(h.name, std::move(v));
  }
  return out;
}

std::string holiday_text(const HolidayView& v, Lang lang) {
  std::string out = v.shown;
  if (v.checked->effective.from || v.checked->effective.until) {
    out += " (" + period_text(v.checked->effective, lang) + ")";
  }
  return out;
}

}  // namespace

std::vector<Change> compare_header(const CheckedProgram& a, const CheckedProgram& b, Lang lang) {
  const Words& w = words(lang);
  std::vector<Change> out;
  const RulesetHeader* ha = a.program ? a.program->ruleset_header() : nullptr;
  const RulesetHeader* hb = b.program ? b.program->ruleset_header() : nullptr;
  auto field = [](const RulesetHeader* h, auto get) -> std::optional<std::string> {
    if (h == nullptr) return std::nullopt;
    return get(*h);
  };
  auto id = [](const RulesetHeader& h) -> std::optional<std::string> { return h.id; };
  auto title = [](const RulesetHeader& h) -> std::optional<std::string> {
    return h.title.empty() ? std::nullopt : std::optional<std::string>(h.title);
  };
  auto version = [](const RulesetHeader& h) { return h.version; };
  auto source = [](const RulesetHeader& h) { return h.source; };
  {
    const auto x = field(ha, id), y = field(hb, id);
    if (x != y) {
      if (x && y) out.push_back(changed_change("id", w.id, *x, *y, lang));
      else if (y) out.push_back(added_change("id", w.id, *y, lang));
      else out.push_back(removed_change("id", w.id, *x, lang));
    }
  }
  compare_optional("title", w.title, field(ha, title), field(hb, title), lang, out);
  compare_optional("version", w.version, field(ha, version), field(hb, version), lang, out);
  compare_optional("source", w.source, field(ha, source), field(hb, source), lang, out);
  const std::optional<EffectivePeriod> pa = ha ? ha->effective : std::nullopt;
  const std::optional<EffectivePeriod> pb = hb ? hb->effective : std::nullopt;
  const bool period_differs = (pa ? pa->from : std::nullopt) != (pb ? pb->from : std::nullopt) ||
                              (pa ? pa->until : std::nullopt) != (pb ? pb->until : std::nullopt);
  if (period_differs) out.push_back(changed_change("effective", w.effective, period_text(pa, lang), period_text(pb, lang), lang));
  const CanonicalCaseDate ca = canonical_case_date(a), cb = canonical_case_date(b);
  if (ca.key != cb.key) {
    std::string x = case_date_text(ca, lang), y = case_date_text(cb, lang);
    if (x == y && ca.alternatives.size() == 1 && cb.alternatives.size() == 1) {
      out.push_back(expression_change("case_date", w.case_date, *ca.alternatives[0], *cb.alternatives[0], lang));
    } else {
      out.push_back(changed_change("case_date", w.case_date, std::move(x), std::move(y), lang));
    }
  }
  return out;
}

std::vector<Change> compare_calendar(const CheckedProgram& a, const CheckedProgram& b,
                                     const std::vector<CanonicalRule>& old_rules,
                                     const std::vector<CanonicalRule>& new_rules, const std::vector<RuleDiff>& rules,
                                     Lang lang) {
  const Words& w = words(lang);
  std::vector<Change> out;
  const std::string na = a.calendar ? a.calendar->name : std::string();
  const std::string nb = b.calendar ? b.calendar->name : std::string();
  if (na != nb) {
    if (na.empty()) out.push_back(added_change("calendar", w.calendar, nb, lang));
    else if (nb.empty()) out.push_back(removed_change("calendar", w.calendar, na, lang));
    else out.push_back(changed_change("calendar", w.calendar, na, nb, lang));
  }
  const auto ha = holidays_of(a, lang), hb = holidays_of(b, lang);
  // In the order of the new calendar, then what only the old one has.
  std::vector<std::string> names;
  if (b.calendar)
    for (const CheckedHoliday& h : b.calendar->holidays) names.push_back(h.name);
  if (a.calendar)
    for (const CheckedHoliday& h : a.calendar->holidays)
      if (!hb.count(h.name)) names.push_back(h.name);
  for (const std::string& name : names) {
    const std::string label = fmt::format(fmt::runtime(w.holiday), quote(name));
    auto x = ha.find(name), y = hb.find(name);
    if (x == ha.end()) {
      out.push_back(added_change("holiday", label, holiday_text(y->second, lang), lang));
      continue;
    }
    if (y == hb.end()) {
      out.push_back(removed_change("holiday", label, holiday_text(x->second, lang), lang));
      continue;
    }
    const HolidayView& u = x->second;
    const HolidayView& v = y->second;
    if (u.canonical->key != v.canonical->key) {
      if (u.shown != v.shown) {
        out.push_back(changed_change("holiday", label, u.shown, v.shown, lang));
      } else {
        out.push_back(expression_change("holiday", label, *u.canonical, *v.canonical, lang));
      }
    }
    const auto& ea = u.checked->effective;
    const auto& eb = v.checked->effective;
    if (ea.from != eb.from || ea.until != eb.until) {
      out.push_back(changed_change("holiday_effective", label + " " + w.effective, period_text(ea, lang),
                                   period_text(eb, lang), lang));
    }
  }
  if (out.empty()) return out;
  // Every calendar change reaches the same code: workday arithmetic.
  const auto workdays = [](const Mentions& m) { return m.workdays; };
  const std::vector<std::string> affects = affected_rules(old_rules, new_rules, rules, workdays);
  const bool case_date = canonical_case_date(a).mentions.workdays || canonical_case_date(b).mentions.workdays;
  for (Change& c : out) {
    c.names_affects = true;
    c.affects = affects;
    c.affects_case_date = case_date;
  }
  return out;
}

}  // namespace frist::compiler::diff
