# Golden tests: every tests/golden/<area>/<name>.frist runs through the
# command of its area (the area's `command` file, default `check`), and every
# <name>.args is a whole command line; each must print exactly its .err/.out
# and exit with its .code. Refresh with
# scripts/refresh-golden.sh after a deliberate change.
file(GLOB_RECURSE FRIST_GOLDEN_FILES CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}
  ${PROJECT_SOURCE_DIR}/tests/golden/*.frist ${PROJECT_SOURCE_DIR}/tests/golden/*.args)
foreach(golden ${FRIST_GOLDEN_FILES})
  get_filename_component(area_dir ${golden} DIRECTORY)
  set(golden_args "check")
  if(EXISTS ${PROJECT_SOURCE_DIR}/${area_dir}/command)
    file(READ ${PROJECT_SOURCE_DIR}/${area_dir}/command golden_args)
    string(STRIP "${golden_args}" golden_args)
  endif()
  # A file whose name starts with "_" is a helper of another test, not a test.
  get_filename_component(golden_name ${golden} NAME)
  if(golden_name MATCHES "^_")
    continue()
  endif()
  string(REPLACE "tests/golden/" "" test_name ${golden})
  add_test(NAME golden.${test_name}
    COMMAND ${CMAKE_COMMAND} -DFRIST=$<TARGET_FILE:frist> -DSOURCE_ROOT=${PROJECT_SOURCE_DIR}
            -DFILE=${golden} "-DARGS=${golden_args}" -DSCRATCH_DIR=${CMAKE_CURRENT_BINARY_DIR}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/golden/run_golden.cmake)
endforeach()

# Every .frist file of the source tree is formatted, but for the exceptions
# tests/golden/fmt/excluded.txt lists with their reasons.
add_test(NAME golden.fmt/repository_is_formatted
  COMMAND ${CMAKE_COMMAND} -DFRIST=$<TARGET_FILE:frist> -DSOURCE_ROOT=${PROJECT_SOURCE_DIR}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/golden/fmt/repository_is_formatted.cmake)
