# golden.fmt/repository_is_formatted: `frist fmt --check` on every .frist
# file of the source tree, except the ones tests/golden/fmt/excluded.txt
# lists (each with its reason). Build trees (top-level folders with a
# CMakeCache.txt) and hidden folders are not part of the source tree. The
# formatter's property tests (tests/unit/format/format_fixture.hpp) walk the
# tree and read the list the same way.
#   cmake -DFRIST=… -DSOURCE_ROOT=… -P tests/golden/fmt/repository_is_formatted.cmake
cmake_minimum_required(VERSION 3.20)  # GLOB_RECURSE does not follow symlinks

set(list_file tests/golden/fmt/excluded.txt)
file(STRINGS ${SOURCE_ROOT}/${list_file} lines ENCODING UTF-8)
set(excluded "")
foreach(line IN LISTS lines)
  if(line MATCHES "^[ \t]*(#|$)")
    continue()
  endif()
  if(NOT line MATCHES "^([^ \t]+)[ \t]+(malformed|unformatted)[ \t]+[^ \t]")
    message(FATAL_ERROR "${list_file}: expected 'PATH malformed|unformatted WHY', got: ${line}")
  endif()
  set(path "${CMAKE_MATCH_1}")
  if(NOT EXISTS ${SOURCE_ROOT}/${path})
    message(FATAL_ERROR "${list_file} lists ${path}, which does not exist: remove the line")
  endif()
  list(APPEND excluded "${path}")
endforeach()

file(GLOB top LIST_DIRECTORIES true RELATIVE ${SOURCE_ROOT} ${SOURCE_ROOT}/*)
set(files "")
foreach(entry IN LISTS top)
  if(entry MATCHES "^\\.")
    continue()
  endif()
  if(IS_DIRECTORY ${SOURCE_ROOT}/${entry})
    if(EXISTS ${SOURCE_ROOT}/${entry}/CMakeCache.txt)
      continue()  # a build tree
    endif()
    file(GLOB_RECURSE found RELATIVE ${SOURCE_ROOT} ${SOURCE_ROOT}/${entry}/*.frist)
    list(APPEND files ${found})
  elseif(entry MATCHES "\\.frist$")
    list(APPEND files "${entry}")
  endif()
endforeach()
if(excluded)
  list(REMOVE_ITEM files ${excluded})
endif()
list(SORT files)
list(LENGTH files count)
if(count LESS 50)
  message(FATAL_ERROR "only ${count} .frist files found under ${SOURCE_ROOT}: is SOURCE_ROOT right?")
endif()

execute_process(
  COMMAND ${FRIST} fmt --check ${files}
  WORKING_DIRECTORY ${SOURCE_ROOT}
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE code)
if(NOT code STREQUAL "0")
  message("${err}${out}")
  message(FATAL_ERROR "frist fmt --check exited with ${code} on the ${count} files: format them with "
                      "frist fmt --write, or list one in ${list_file} with the reason")
endif()
message(STATUS "${count} files formatted (${list_file} lists the exceptions)")
