// Unit tests for the case model's Vocabulary: lookups by name, and merging
// the vocabularies of a bundle (agreeing declarations, conflicts named).
#include <catch2/catch.hpp>

#include "runtime/model/case_timeline.hpp"
#include "test_vocabulary.hpp"

using namespace frist;
using namespace frist::io::testing;
using model::ValueType;
using model::Vocabulary;

TEST_CASE("vocabulary: lookups by name", "[io][vocabulary]") {
  const auto v = child_welfare_vocabulary();
  const auto decision = v.find_event_type("afgørelse");
  REQUIRE(decision != Vocabulary::kNotFound);
  CHECK(v.event_types()[decision].name == "afgørelse");
  CHECK(v.find_attribute(decision, "akut") == 1);
  CHECK(v.find_attribute(decision, "fagperson") == Vocabulary::kNotFound);
  CHECK(v.find_attribute(9999, "akut") == Vocabulary::kNotFound);
  CHECK(v.find_event_type("journalnotat") == Vocabulary::kNotFound);
  CHECK(v.find_case_attribute("født") == 1);
  CHECK(v.find_case_attribute("x") == Vocabulary::kNotFound);
  CHECK(std::string(model::to_string(ValueType::DateTime)) == "datetime");
  CHECK(std::string(model::to_string(ValueType::Duration)) == "duration");
}

TEST_CASE("vocabulary: merging a bundle", "[io][vocabulary]") {
  auto ours = child_welfare_vocabulary();
  const auto types_before = ours.size();

  Vocabulary xes;
  xes.add_event_type(event_type("ER Registration", {attr("Age", ValueType::Int)}));
  xes.add_event_type(event_type("afgørelse", {bool_attr("akut", false), attr("ny", ValueType::Text)}));
  xes.add_case_attribute(attr("kommune", ValueType::Text));
  xes.add_case_attribute(attr("region", ValueType::Text));
  auto remap = ours.merge(xes);
  REQUIRE(remap);
  CHECK(ours.size() == types_before + 1);
  CHECK(remap->event_type[0] == types_before);
  CHECK(remap->event_type[1] == ours.find_event_type("afgørelse"));
  CHECK(remap->attribute[1][0] == 1);  // akut
  CHECK(remap->attribute[1][1] == 7);  // the new attribute is appended
  CHECK(ours.find_attribute(remap->event_type[1], "ny") == 7);
  CHECK(remap->case_attribute[0] == 0);
  CHECK(remap->case_attribute[1] == 2);

  Vocabulary wrong_type;
  wrong_type.add_event_type(event_type("afgørelse", {attr("akut", ValueType::Int)}));
  const auto before = ours.size();
  auto conflict = ours.merge(wrong_type);
  REQUIRE(!conflict);
  CHECK(conflict.error().message == "event type 'afgørelse', attribute 'akut': declared as bool and as int");
  CHECK(ours.size() == before);

  Vocabulary wrong_default;
  wrong_default.add_event_type(event_type("underretning", {bool_attr("fagperson", true)}));
  wrong_default.add_event_type(event_type("nyt"));
  auto defaults = ours.merge(wrong_default);
  REQUIRE(!defaults);
  CHECK(defaults.error().message.find("'fagperson'") != std::string::npos);
  CHECK(ours.find_event_type("nyt") == Vocabulary::kNotFound);  // unchanged on failure

  Vocabulary case_conflict;
  case_conflict.add_case_attribute(attr("født", ValueType::DateTime));
  auto c = ours.merge(case_conflict);
  REQUIRE(!c);
  CHECK(c.error().message.find("case attribute 'født'") != std::string::npos);
}

TEST_CASE("case timeline: clear keeps capacity", "[io][vocabulary]") {
  model::CaseTimeline t;
  t.id = "a-rather-long-case-identifier-for-the-heap";
  t.events.resize(100);
  t.arena.assign(1000, 'x');
  const auto capacity = t.events.capacity();
  t.clear();
  CHECK(t.events.empty());
  CHECK(t.id.empty());
  CHECK(t.events.capacity() == capacity);
  CHECK(t.arena.capacity() >= 1000);
  model::AttrValue v;
  v.type = ValueType::Int;
  v.a = 3;
  CHECK(v.as_decimal() == 3.0);
}
