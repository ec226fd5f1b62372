# Determinism (docs/robustness.md): byte-identical output of run and report
# for 1, 2 and 8 threads and across runs; reproducible `frist compile`.
foreach(check run report compile)
  add_test(NAME determinism.${check}
    COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/determinism.sh ${check} $<TARGET_FILE:frist> ${PROJECT_SOURCE_DIR})
  set_tests_properties(determinism.${check} PROPERTIES TIMEOUT 900 LABELS determinism)
endforeach()
