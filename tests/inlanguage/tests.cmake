# In-language tests: `frist test` over the shipped rulesets and stdlib
# (spec/language.md item 10), with JUnit output kept for CI systems.
add_test(NAME inlanguage.rulesets_and_stdlib
  COMMAND frist test rulesets stdlib --junit ${CMAKE_BINARY_DIR}/frist-test-results.xml
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# The rules of spec/semantics.md §1–§3 as small rulesets with tests.
add_test(NAME inlanguage.semantics
  COMMAND frist test tests/semantics
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
