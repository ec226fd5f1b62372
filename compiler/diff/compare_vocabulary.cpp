// The vocabulary compared by name: event types and case attributes added or
// removed; attributes added, removed, retyped, with another default, or
// another description (minor: no verdict can change). Each change names the
// rules that mention what changed, in either version.
#include <fmt/format.h>

#include <functional>

#include "compiler/diff/compare.hpp"
#include "compiler/diff/describe.hpp"
#include "compiler/diff/sentences.hpp"

namespace frist::compiler::diff {

using grammar::Lang;

namespace {

using Predicate = std::function<bool(const Mentions&)>;

class VocabularyComparison {
 public:
  VocabularyComparison(const std::vector<CanonicalRule>& old_rules, const std::vector<CanonicalRule>& new_rules,
                       const std::vector<RuleDiff>& rules, const CanonicalCaseDate& old_date,
                       const CanonicalCaseDate& new_date, Lang lang)
      : old_rules_(old_rules), new_rules_(new_rules), rules_(rules), old_date_(old_date), new_date_(new_date),
        lang_(lang), w_(words(lang)) {}

  std::vector<VocabularyChange> run(const model::Vocabulary& a, const model::Vocabulary& b) {
    for (const auto& t : b.event_types()) {
      const std::uint32_t i = a.find_event_type(t.name);
      if (i == model::Vocabulary::kNotFound) {
        auto mentions = [&](const Mentions& m) { return m.any_event || m.event_types.count(t.name) > 0; };
        add("event_type_added", t.name, "", event_summary(t), false, mentions,
            fmt::format(fmt::runtime(w_.added), w_.event_type_word, event_summary(t)));
        continue;
      }
      compare_event(a.event_types()[i], t);
    }
    for (const auto& t : a.event_types()) {
      if (b.find_event_type(t.name) != model::Vocabulary::kNotFound) continue;
      auto mentions = [&](const Mentions& m) { return m.any_event || m.event_types.count(t.name) > 0; };
      add("event_type_removed", t.name, event_summary(t), "", false, mentions,
          fmt::format(fmt::runtime(w_.removed), w_.event_type_word, event_summary(t)));
    }
    compare_attributes(a.case_attributes(), b.case_attributes(), "", true);
    return std::move(out_);
  }

 private:
  std::string event_summary(const model::EventTypeDecl& t) const {
    std::string out = name_text(t.name);
    if (!t.attributes.empty()) {
      out += " (";
      for (std::size_t i = 0; i < t.attributes.size(); ++i) out += (i ? ", " : "") + attribute_summary(t.attributes[i]);
      out += ")";
    }
    return out;
  }

  std::string attribute_summary(const model::AttributeDecl& a) const {
    std::string out = name_text(a.name) + ": " + type_word(a.type, lang_);
    if (a.default_value) out += " = " + render_literal(*a.default_value, lang_);
    return out;
  }

  std::string default_text(const model::AttributeDecl& a) const {
    return a.default_value ? render_literal(*a.default_value, lang_) : std::string(w_.none);
  }

  static bool same_default(const model::AttributeDecl& x, const model::AttributeDecl& y) {
    if (x.default_value.has_value() != y.default_value.has_value()) return false;
    if (!x.default_value) return true;
    return x.default_value->type == y.default_value->type && x.default_value->value == y.default_value->value;
  }

  void compare_event(const model::EventTypeDecl& a, const model::EventTypeDecl& b) {
    if (a.doc != b.doc) {
      auto mentions = [&](const Mentions& m) { return m.event_types.count(b.name) > 0; };
      const std::string label = fmt::format(fmt::runtime(w_.event_type), name_text(b.name)) + " " + w_.doc_label;
      add("doc_changed", b.name, a.doc, b.doc, true, mentions, prose_change("doc", label, a.doc, b.doc, lang_).text);
    }
    compare_attributes(a.attributes, b.attributes, b.name, false);
  }

  // `type` is "" for case attributes.
  void compare_attributes(const std::vector<model::AttributeDecl>& a, const std::vector<model::AttributeDecl>& b,
                          const std::string& type, bool case_attrs) {
    const std::string prefix = case_attrs ? "case_" : "";
    auto subject = [&](const std::string& attr) {
      return case_attrs ? kw_text(grammar::Kw::Case, lang_) + "." + name_text(attr) : name_text(type) + "." + name_text(attr);
    };
    const std::string word = case_attrs ? w_.case_attribute_word : w_.attribute_word;
    auto label = [&](const std::string& attr) {
      return fmt::format(fmt::runtime(case_attrs ? w_.case_attribute : w_.attribute), subject(attr));
    };
    auto mentions_of = [&](const std::string& attr) -> Predicate {
      if (case_attrs) return [attr](const Mentions& m) { return m.case_attributes.count(attr) > 0; };
      return [type, attr](const Mentions& m) {
        return m.attributes.count(type + "." + attr) > 0 || m.attributes.count("*." + attr) > 0;
      };
    };
    auto find = [](const std::vector<model::AttributeDecl>& v, const std::string& n) -> const model::AttributeDecl* {
      for (const auto& x : v)
        if (x.name == n) return &x;
      return nullptr;
    };
    for (const auto& y : b) {
      const model::AttributeDecl* x = find(a, y.name);
      if (x == nullptr) {
        add(prefix + "attribute_added", subject(y.name), "", attribute_summary(y), false, mentions_of(y.name),
            fmt::format(fmt::runtime(w_.added), word, subject(y.name) + attribute_summary(y).substr(name_text(y.name).size())));
        continue;
      }
      if (x->type != y.type) {
        const std::string l = label(y.name) + " " + w_.type_label;
        add(prefix + "attribute_retyped", subject(y.name), type_word(x->type, lang_), type_word(y.type, lang_), false,
            mentions_of(y.name), fmt::format(fmt::runtime(w_.changed), l, type_word(x->type, lang_), type_word(y.type, lang_)));
      }
      if (!same_default(*x, y)) {
        const std::string l = label(y.name) + " " + w_.default_label;
        add(prefix + "default_changed", subject(y.name), default_text(*x), default_text(y), false, mentions_of(y.name),
            fmt::format(fmt::runtime(w_.changed), l, default_text(*x), default_text(y)));
      }
      if (x->doc != y.doc) {
        const std::string l = label(y.name) + " " + w_.doc_label;
        add(prefix + "doc_changed", subject(y.name), x->doc, y.doc, true, mentions_of(y.name),
            prose_change("doc", l, x->doc, y.doc, lang_).text);
      }
    }
    for (const auto& x : a) {
      if (find(b, x.name) != nullptr) continue;
      add(prefix + "attribute_removed", subject(x.name), attribute_summary(x), "", false, mentions_of(x.name),
          fmt::format(fmt::runtime(w_.removed), word, subject(x.name) + attribute_summary(x).substr(name_text(x.name).size())));
    }
  }

  void add(std::string kind, std::string subject, std::string old_text, std::string new_text, bool minor,
           const Predicate& mentions, std::string text) {
    VocabularyChange c;
    c.kind = std::move(kind);
    c.subject = std::move(subject);
    c.old_text = std::move(old_text);
    c.new_text = std::move(new_text);
    c.minor = minor;
    c.text = std::move(text);
    c.affects = affected_rules(old_rules_, new_rules_, rules_, mentions);
    c.affects_case_date = mentions(old_date_.mentions) || mentions(new_date_.mentions);
    out_.push_back(std::move(c));
  }

  const std::vector<CanonicalRule>& old_rules_;
  const std::vector<CanonicalRule>& new_rules_;
  const std::vector<RuleDiff>& rules_;
  const CanonicalCaseDate& old_date_;
  const CanonicalCaseDate& new_date_;
  Lang lang_;
  const Words& w_;
  std::vector<VocabularyChange> out_;
};

const CanonicalRule* find_rule(const std::vector<CanonicalRule>& rules, const std::string& id) {
  if (id.empty()) return nullptr;
  for (const CanonicalRule& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

std::vector<std::string> affected_rules(const std::vector<CanonicalRule>& old_rules,
                                        const std::vector<CanonicalRule>& new_rules,
                                        const std::vector<RuleDiff>& rules,
                                        const std::function<bool(const Mentions&)>& mentions) {
  std::vector<std::string> out;
  for (const RuleDiff& r : rules) {
    const CanonicalRule* o = find_rule(old_rules, r.old_id);
    const CanonicalRule* n = find_rule(new_rules, r.new_id);
    if ((o != nullptr && mentions(o->mentions)) || (n != nullptr && mentions(n->mentions))) {
      out.push_back(r.new_id.empty() ? r.old_id : r.new_id);
    }
  }
  return out;
}

std::vector<VocabularyChange> compare_vocabulary(const CheckedProgram& old_program, const CheckedProgram& new_program,
                                                 const std::vector<CanonicalRule>& old_rules,
                                                 const std::vector<CanonicalRule>& new_rules,
                                                 const std::vector<RuleDiff>& rules, Lang lang) {
  const CanonicalCaseDate old_date = canonical_case_date(old_program);
  const CanonicalCaseDate new_date = canonical_case_date(new_program);
  VocabularyComparison c(old_rules, new_rules, rules, old_date, new_date, lang);
  return c.run(old_program.vocabulary, new_program.vocabulary);
}

}  // namespace frist::compiler::diff
