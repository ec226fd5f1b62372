// Failure explanations and JUnit XML for `frist test`.
#include "cli/testing/junit.hpp"

#include <fmt/format.h>

namespace frist::cli {

std::string failure_text(const TestResult& r) {
  const bool da = r.danish;
  std::string out;
  if (!r.error.empty()) return fmt::format("    {}\n", r.error);
  out += fmt::format("    {}{}\n", da ? "forventet: " : "expected: ", r.expected);
  out += fmt::format("    {}{}{}{}\n", da ? "faktisk:   " : "actual:   ", r.actual, r.actual_reason.empty() ? "" : " — ", r.actual_reason);
  if (!r.timeline.empty()) out += fmt::format("    {}:\n{}", da ? "sagens forløb" : "the case's timeline", r.timeline);
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') break;  // not allowed in XML 1.0
        out.push_back(c);
    }
  }
  return out;
}

std::string junit_xml(const std::vector<FileTestReport>& reports) {
  std::size_t tests = 0, failures = 0;
  for (const FileTestReport& rep : reports) {
    tests += rep.results.size() + (rep.compiled ? 0 : 1);
    failures += rep.compiled ? 0 : 1;
    for (const TestResult& r : rep.results) failures += r.passed ? 0 : 1;
  }
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format("<testsuites name=\"frist test\" tests=\"{}\" failures=\"{}\">\n", tests, failures);
  for (const FileTestReport& rep : reports) {
    std::size_t fails = rep.compiled ? 0 : 1;
    for (const TestResult& r : rep.results) fails += r.passed ? 0 : 1;
    x += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">\n", xml_escape(rep.file),
                     rep.results.size() + (rep.compiled ? 0 : 1), fails);
    if (!rep.compiled) {
      x += fmt::format("    <testcase classname=\"{0}\" name=\"compile\"><failure message=\"does not compile\"/></testcase>\n",
                       xml_escape(rep.file));
    }
    for (const TestResult& r : rep.results) {
      x += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"", xml_escape(rep.file),
                       xml_escape(r.name + (r.target.empty() ? "" : " (" + r.target + ")")), xml_escape(r.file), r.line);
      if (r.passed) {
        x += "/>\n";
      } else {
        const std::string msg = r.error.empty() ? "expected " + r.expected + ", got " + r.actual : r.error;
        x += fmt::format("><failure message=\"{}\">{}</failure></testcase>\n", xml_escape(msg), xml_escape(failure_text(r)));
      }
    }
    x += "  </testsuite>\n";
  }
  x += "</testsuites>\n";
  return x;
}

}  // namespace frist::cli
