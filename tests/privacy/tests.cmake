# Privacy (docs/robustness.md): no attribute value of a bad input in any
# diagnostic, warning, rejection or output of run and report; --pseudonymize
# on run, report and explain.
foreach(check canary pseudonymize)
  add_test(NAME privacy.${check}
    COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/privacy.sh ${check} $<TARGET_FILE:frist> ${PROJECT_SOURCE_DIR})
  set_tests_properties(privacy.${check} PROPERTIES TIMEOUT 600 LABELS privacy)
endforeach()
