# The HTML report in a real browser (tests/report/html_chromium.sh): headless
# Chromium renders it, takes a screenshot and dumps the DOM, which must hold
# every rule's title and figures, with a working sort and no console errors.
# Skipped (exit 77) where Chromium is not installed.
add_test(NAME report.html_chromium
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/report/html_chromium.sh $<TARGET_FILE:frist> ${PROJECT_SOURCE_DIR})
set_tests_properties(report.html_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
