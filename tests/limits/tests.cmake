# Limits (docs/robustness.md): every hard limit pushed past its bound, each
# expecting a clear error and no crash or hang. limits.sh makes the big
# inputs at run time and drives the `frist` binary; budget_test.cpp (added to
# the unit-test binary here) builds hostile bytecode for the VM's step budget.
foreach(limit source_size nesting operator_chain expansion rules identifier constants
              case_line case_events event_attributes bytecode_size)
  add_test(NAME limits.${limit}
    COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/limits.sh ${limit} $<TARGET_FILE:frist>)
  set_tests_properties(limits.${limit} PROPERTIES TIMEOUT 600 LABELS limits)
endforeach()

target_sources(frist_unit_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/budget_test.cpp)
