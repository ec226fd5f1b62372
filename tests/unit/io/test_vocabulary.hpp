// Test fixtures for the reader tests: the child-welfare vocabulary of
// spec/rulesets.md §1 built by hand (the compiler that normally provides it
// is not part of these tests), the Copenhagen zone, paths of the shared
// test data, and a helper that reads a whole input sequentially.
#pragma once

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "runtime/io/case_source.hpp"
#include "runtime/io/read_sequential.hpp"
#include "runtime/model/vocabulary.hpp"
#include "runtime/time/zone.hpp"
#include "tests/unit/support/files.hpp"

namespace frist::io::testing {

inline const time::Zone& zone() {
  static const time::Zone z = [] {
    auto loaded = time::Zone::load();
    if (!loaded) FAIL("cannot load Europe/Copenhagen: " << loaded.error().message);
    return std::move(loaded).value();
  }();
  return z;
}

inline model::AttributeDecl attr(std::string name, model::ValueType type) {
  model::AttributeDecl d;
  d.name = std::move(name);
  d.type = type;
  return d;
}

inline model::AttributeDecl bool_attr(std::string name, bool default_value) {
  auto d = attr(std::move(name), model::ValueType::Bool);
  d.default_value = model::Literal{model::ValueType::Bool, default_value};
  return d;
}

inline model::EventTypeDecl event_type(std::string name, std::vector<model::AttributeDecl> attributes = {}) {
  model::EventTypeDecl t;
  t.name = std::move(name);
  t.attributes = std::move(attributes);
  return t;
}

// spec/rulesets.md §1.
inline model::Vocabulary child_welfare_vocabulary() {
  using model::ValueType;
  model::Vocabulary v;
  v.add_case_attribute(attr("kommune", ValueType::Text));
  v.add_case_attribute(attr("født", ValueType::Date));
  v.add_event_type(event_type("underretning", {bool_attr("fagperson", false)}));
  v.add_event_type(event_type("underretning_vurderet", {attr("underretning", ValueType::Text)}));
  v.add_event_type(event_type("underretning_kvitteret", {attr("underretning", ValueType::Text)}));
  v.add_event_type(event_type("opmærksom"));
  v.add_event_type(event_type("undersøgelse_påbegyndt"));
  v.add_event_type(event_type("undersøgelse_afsluttet", {bool_attr("opdateret", false)}));
  v.add_event_type(event_type("foreløbig_vurdering"));
  v.add_event_type(event_type("partshøringsmøde"));
  v.add_event_type(event_type("børnesamtale", {attr("om", ValueType::Text), bool_attr("afslået", false)}));
  v.add_event_type(event_type("samtale_forældremyndighed"));
  v.add_event_type(event_type("synspunkter_indhentet"));
  v.add_event_type(event_type("afgørelse", {attr("hjemmel", ValueType::Text), bool_attr("akut", false),
                                            attr("samtale_undladt", ValueType::Text), attr("formål", ValueType::Bool),
                                            attr("varighed", ValueType::Bool), bool_attr("anbringelse", false),
                                            bool_attr("uden_samtykke", false)}));
  v.add_event_type(event_type("handleplan", {attr("angiver_indsats", ValueType::Bool)}));
  v.add_event_type(event_type("handleplan_undladt", {attr("begrundelse", ValueType::Text)}));
  v.add_event_type(event_type("barnets_plan"));
  v.add_event_type(event_type("ungeplan"));
  v.add_event_type(event_type("ungeplan_vurderet"));
  v.add_event_type(event_type("indsats_iværksat"));
  v.add_event_type(event_type("indsats_ophørt"));
  v.add_event_type(event_type("opfølgning"));
  v.add_event_type(event_type("anbringelse_iværksat"));
  v.add_event_type(event_type("anbringelse_ophørt"));
  v.add_event_type(event_type("tilsynsbesøg"));
  return v;
}

inline std::string shared_path(const std::string& relative) { return std::string(FRIST_SHARED_ROOT) + "/" + relative; }

using test_support::slurp;

// A temporary file removed when the object goes.
class TempFile {
 public:
  explicit TempFile(const std::string& suffix, const std::string& content = {}) {
    static int counter = 0;
    path_ = fmt_path(suffix, ++counter);
    std::ofstream out(path_, std::ios::binary);
    out << content;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  static std::string fmt_path(const std::string& suffix, int n) {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/frist-io-test-" + std::to_string(::getpid()) + "-" +
           std::to_string(n) + suffix;
  }
  std::string path_;
};

// Everything one sequential read produced.
struct ReadResult {
  std::vector<model::CaseTimeline> cases;
  std::vector<Rejection> rejections;
  ReadStats stats;
  std::string error;  // a whole-input error, if any
};

inline ReadResult read_all(const OpenOptions& options, const model::Vocabulary& vocabulary) {
  ReadResult result;
  auto opened = open_input(options, vocabulary, zone());
  if (!opened) {
    result.error = opened.error().message;
    return result;
  }
  SequentialCallbacks callbacks;
  callbacks.on_case = [&](const model::CaseTimeline& t) { result.cases.push_back(t); };
  callbacks.on_rejection = [&](const Rejection& r) { result.rejections.push_back(r); };
  auto stats = read_sequential(*opened, callbacks);
  if (!stats) result.error = stats.error().message;
  else result.stats = *stats;
  return result;
}

inline ReadResult read_file(const std::string& path, InputFormat format, const model::Vocabulary& vocabulary,
                            const std::string& case_attrs = {}) {
  OpenOptions options;
  options.path = path;
  options.format = format;
  options.case_attrs_path = case_attrs;
  return read_all(options, vocabulary);
}

}  // namespace frist::io::testing
