// Writing and reading the JSON report (format kReportFormat).
#include "runtime/report/report_json.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <set>

#include "runtime/common/json_text.hpp"

namespace frist::report {
namespace {

constexpr const char* kVerdictKeys[vm::kVerdictCount] = {"compliant", "violated", "pending", "not_applicable",
                                                         "undetermined"};

void append_optional_number(std::string& out, const std::optional<double>& v) {
  if (v) append_json_number(out, *v);
  else out += "null";
}

void append_rule(std::string& out, const Report& r, std::size_t i, const RuleCounts& c) {
  const RuleInfo& rule = r.rules[i];
  out += "{\"ruleset\": ";
  append_json_string(out, r.rulesets[rule.ruleset].id);
  out += ", \"rule\": ";
  append_json_string(out, rule.id);
  for (std::size_t v = 0; v < vm::kVerdictCount; ++v) fmt::format_to(std::back_inserter(out), ", \"{}\": {}", kVerdictKeys[v], c.verdicts[v]);
  fmt::format_to(std::back_inserter(out), ", \"exempt\": {}", c.exempt);
  const RuleStats s = stats(c);
  fmt::format_to(std::back_inserter(out), ", \"n\": {}, \"rate\": ", s.n);
  append_optional_number(out, s.rate);
  out += ", \"ci95\": ";
  if (s.ci95) {
    out += '[';
    append_json_number(out, s.ci95->low);
    out += ", ";
    append_json_number(out, s.ci95->high);
    out += ']';
  } else {
    out += "null";
  }
  fmt::format_to(std::back_inserter(out), ", \"small_n\": {}", s.small_n ? "true" : "false");
  out += ", \"undetermined_reasons\": {";
  bool first = true;
  for (const auto& [text, n] : c.undetermined_reasons) {
    if (!first) out += ", ";
    first = false;
    append_json_string(out, text);
    fmt::format_to(std::back_inserter(out), ": {}", n);
  }
  out += "}}";
}

void append_group_rules(std::string& out, const Report& r, const Group& g, const char* indent) {
  out += "\"rules\": [\n";
  for (std::size_t i = 0; i < g.rules.size(); ++i) {
    out += indent;
    out += "  ";
    append_rule(out, r, i, g.rules[i]);
    out += i + 1 < g.rules.size() ? ",\n" : "\n";
  }
  out += indent;
  out += ']';
}

}  // namespace

std::string write_json(const Report& r) {
  std::string out = "{\n";
  fmt::format_to(std::back_inserter(out), "  \"frist_report\": {},\n  \"frist\": ", kReportFormat);
  append_json_string(out, r.frist_version);
  out += ",\n  \"as_of\": ";
  append_json_string(out, r.as_of);
  out += ",\n  \"group_by\": ";
  if (r.group_by.empty()) out += "null";
  else append_json_string(out, r.group_by);
  out += ",\n  \"rulesets\": [\n";
  for (std::size_t i = 0; i < r.rulesets.size(); ++i) {
    const RulesetInfo& s = r.rulesets[i];
    out += "    {\"id\": ";
    append_json_string(out, s.id);
    out += ", \"version\": ";
    append_json_string(out, s.version);
    out += ", \"sha256\": ";
    append_json_string(out, s.sha256);
    out += ", \"title\": ";
    append_json_string(out, s.title);
    out += ", \"language\": ";
    append_json_string(out, s.language);
    out += i + 1 < r.rulesets.size() ? "},\n" : "}\n";
  }
  out += "  ],\n  \"rules\": [\n";
  for (std::size_t i = 0; i < r.rules.size(); ++i) {
    const RuleInfo& rule = r.rules[i];
    out += "    {\"ruleset\": ";
    append_json_string(out, r.rulesets[rule.ruleset].id);
    out += ", \"id\": ";
    append_json_string(out, rule.id);
    out += ", \"title\": ";
    append_json_string(out, rule.title);
    out += ", \"hjemmel\": ";
    append_json_string(out, rule.basis);
    fmt::format_to(std::back_inserter(out), ", \"status\": \"{}\", \"for_each\": {}", rule.unverified ? "unverified" : "verified",
                   rule.for_each ? "true" : "false");
    out += i + 1 < r.rules.size() ? "},\n" : "}\n";
  }
  fmt::format_to(std::back_inserter(out),
                 "  ],\n  \"cases\": {{\"read\": {}, \"evaluated\": {}, \"rejected\": {}, \"uncovered\": {}}},\n",
                 r.cases.read, r.cases.evaluated, r.cases.rejected, r.cases.uncovered);
  out += "  \"small_n\": {\"min_n\": ";
  fmt::format_to(std::back_inserter(out), "{}, \"max_ci95_width\": ", kSmallNMin);
  append_json_number(out, kSmallNMaxWidth);
  out += "},\n";
  fmt::format_to(std::back_inserter(out), "  \"total\": {{\"cases\": {}, ", r.total.cases);
  append_group_rules(out, r, r.total, "  ");
  out += "},\n  \"groups\": [";
  for (std::size_t gi = 0; gi < r.groups.size(); ++gi) {
    const Group& g = r.groups[gi];
    out += gi == 0 ? "\n    {\"value\": " : ",\n    {\"value\": ";
    if (g.value) append_json_string(out, *g.value);
    else out += "null";
    fmt::format_to(std::back_inserter(out), ", \"cases\": {}, ", g.cases);
    append_group_rules(out, r, g, "    ");
    out += '}';
  }
  out += r.groups.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

namespace {

namespace dom = simdjson::dom;

// A problem in the input; caught in read_json and turned into an Error.
struct Bad {
  std::string message;
};

dom::element field(dom::element obj, std::string_view key, std::string_view where) {
  dom::object o;
  if (obj.get(o) != simdjson::SUCCESS) throw Bad{fmt::format("{} is not an object", where)};
  dom::element e;
  if (o[key].get(e) != simdjson::SUCCESS) throw Bad{fmt::format("{}: key '{}' is missing", where, key)};
  return e;
}

std::string text(dom::element obj, std::string_view key, std::string_view where) {
  std::string_view s;
  if (field(obj, key, where).get(s) != simdjson::SUCCESS) throw Bad{fmt::format("{}: '{}' must be a string", where, key)};
  return std::string(s);
}

std::uint64_t count(dom::element obj, std::string_view key, std::string_view where) {
  std::uint64_t n = 0;
  if (field(obj, key, where).get(n) != simdjson::SUCCESS)
    throw Bad{fmt::format("{}: '{}' must be a whole number ≥ 0", where, key)};
  return n;
}

bool boolean(dom::element obj, std::string_view key, std::string_view where) {
  bool b = false;
  if (field(obj, key, where).get(b) != simdjson::SUCCESS) throw Bad{fmt::format("{}: '{}' must be true or false", where, key)};
  return b;
}

dom::array array(dom::element obj, std::string_view key, std::string_view where) {
  dom::array a;
  if (field(obj, key, where).get(a) != simdjson::SUCCESS) throw Bad{fmt::format("{}: '{}' must be an array", where, key)};
  return a;
}

std::vector<RuleCounts> read_rules(dom::element group, const Report& r, const std::string& where) {
  std::vector<RuleCounts> out;
  std::size_t i = 0;
  for (dom::element e : array(group, "rules", where)) {
    const std::string at = fmt::format("{}, rule {}", where, i + 1);
    if (i >= r.rules.size()) throw Bad{fmt::format("{}: more rule entries than rules", where)};
    const RuleInfo& info = r.rules[i];
    if (text(e, "ruleset", at) != r.rulesets[info.ruleset].id || text(e, "rule", at) != info.id)
      throw Bad{fmt::format("{}: expected {}.{} (entries follow the order of 'rules')", at, r.rulesets[info.ruleset].id, info.id)};
    RuleCounts c;
    for (std::size_t v = 0; v < vm::kVerdictCount; ++v) c.verdicts[v] = count(e, kVerdictKeys[v], at);
    c.exempt = count(e, "exempt", at);
    if (c.exempt > c.verdicts[static_cast<std::size_t>(vm::Verdict::Compliant)])
      throw Bad{fmt::format("{}: 'exempt' exceeds 'compliant'", at)};
    dom::object reasons;
    if (field(e, "undetermined_reasons", at).get(reasons) != simdjson::SUCCESS)
      throw Bad{fmt::format("{}: 'undetermined_reasons' must be an object", at)};
    for (dom::key_value_pair kv : reasons) {
      std::uint64_t n = 0;
      if (kv.value.get(n) != simdjson::SUCCESS) throw Bad{fmt::format("{}: an undetermined reason's count must be a whole number", at)};
      c.undetermined_reasons[std::string(kv.key)] += n;
    }
    out.push_back(std::move(c));
    ++i;
  }
  if (out.size() != r.rules.size()) throw Bad{fmt::format("{}: {} rule entries, expected {}", where, out.size(), r.rules.size())};
  return out;
}

}  // namespace

Result<Report> read_json(std::string_view input, std::string_view name) {
  dom::parser parser;
  const simdjson::padded_string padded(input);
  dom::element root;
  if (auto err = parser.parse(padded).get(root); err != simdjson::SUCCESS)
    return Error{fmt::format("{}: not a JSON report ({})", name, simdjson::error_message(err))};
  try {
    const std::string top = std::string(name);
    std::int64_t format = 0;
    if (field(root, "frist_report", top).get(format) != simdjson::SUCCESS || format != kReportFormat)
      throw Bad{fmt::format("{}: 'frist_report' must be {} (a JSON report of this frist version)", top, kReportFormat)};
    Report r;
    r.frist_version = text(root, "frist", top);
    r.as_of = text(root, "as_of", top);
    dom::element group_by = field(root, "group_by", top);
    if (!group_by.is_null()) r.group_by = text(root, "group_by", top);
    std::size_t i = 0;
    for (dom::element e : array(root, "rulesets", top)) {
      const std::string at = fmt::format("{}: ruleset {}", top, ++i);
      r.rulesets.push_back(RulesetInfo{text(e, "id", at), text(e, "version", at), text(e, "sha256", at),
                                       text(e, "title", at), text(e, "language", at)});
    }
    i = 0;
    for (dom::element e : array(root, "rules", top)) {
      const std::string at = fmt::format("{}: rule {}", top, ++i);
      RuleInfo info;
      const std::string ruleset = text(e, "ruleset", at);
      bool found = false;
      for (std::size_t s = 0; s < r.rulesets.size() && !found; ++s) {
        if (r.rulesets[s].id == ruleset) {
          info.ruleset = static_cast<std::uint32_t>(s);
          found = true;
        }
      }
      if (!found) throw Bad{fmt::format("{}: ruleset '{}' is not among 'rulesets'", at, ruleset)};
      info.id = text(e, "id", at);
      info.title = text(e, "title", at);
      info.basis = text(e, "hjemmel", at);
      const std::string status = text(e, "status", at);
      if (status != "verified" && status != "unverified") throw Bad{fmt::format("{}: 'status' must be verified or unverified", at)};
      info.unverified = status == "unverified";
      info.for_each = boolean(e, "for_each", at);
      r.rules.push_back(std::move(info));
    }
    dom::element cases = field(root, "cases", top);
    const std::string cases_at = top + ": cases";
    r.cases = CaseCounts{count(cases, "read", cases_at), count(cases, "evaluated", cases_at),
                         count(cases, "rejected", cases_at), count(cases, "uncovered", cases_at)};
    if (r.cases.read != r.cases.evaluated + r.cases.rejected + r.cases.uncovered)
      throw Bad{fmt::format("{}: read ≠ evaluated + rejected + uncovered", cases_at)};
    dom::element total = field(root, "total", top);
    r.total.cases = count(total, "cases", top + ": total");
    r.total.rules = read_rules(total, r, top + ": total");
    std::set<std::optional<std::string>> seen;
    i = 0;
    for (dom::element e : array(root, "groups", top)) {
      const std::string at = fmt::format("{}: group {}", top, ++i);
      Group g;
      if (!field(e, "value", at).is_null()) g.value = text(e, "value", at);
      if (!seen.insert(g.value).second) throw Bad{fmt::format("{}: the group appears twice", at)};
      g.cases = count(e, "cases", at);
      g.rules = read_rules(e, r, at);
      r.groups.push_back(std::move(g));
    }
    if (r.group_by.empty() && !r.groups.empty()) throw Bad{fmt::format("{}: groups without 'group_by'", top)};
    sort_groups(r.groups);
    return r;
  } catch (const Bad& bad) {
    return Error{bad.message};
  }
}

}  // namespace frist::report
