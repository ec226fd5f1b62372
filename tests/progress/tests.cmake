# The progress line of long runs: on a terminal only (tests/progress/progress.sh).
add_test(NAME progress.terminal_only COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/progress.sh $<TARGET_FILE:frist>)
set_tests_properties(progress.terminal_only PROPERTIES TIMEOUT 600 LABELS progress)
