// Results of `frist test` as text: the explanation of a failed test (shown on
// the console and in JUnit XML), and the JUnit XML document for CI systems
// (one <testsuite> per file, one <testcase> per expectation).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/testing/test_runner.hpp"

namespace frist::cli {

// Expected and actual verdict, the reason and the case's timeline, indented.
std::string failure_text(const TestResult& r);

// Text escaped for XML attributes and content; characters XML 1.0 cannot
// hold (control characters other than tab and line ends) are dropped.
std::string xml_escape(std::string_view s);

std::string junit_xml(const std::vector<FileTestReport>& reports);

}  // namespace frist::cli
