# Process mining with the Declare templates of stdlib/declare.frist
# (docs/process-mining.md). The templates' own tests run with the stdlib in
# inlanguage.rulesets_and_stdlib.

# The Sepsis ruleset's in-language tests.
add_test(NAME processmining.inlanguage
  COMMAND frist test tests/processmining
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# frist run on the real Sepsis Cases log against the same constraints computed
# in SQL from the raw XES (awk + sqlite3). Skipped without sqlite3 or the log.
add_test(NAME processmining.sepsis
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/sepsis_check.sh $<TARGET_FILE:frist> ${PROJECT_SOURCE_DIR}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(processmining.sepsis PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
