# Runs one golden test: `frist <ARGS> <FILE>` from the source root (or, for
# FILE.args, `frist <contents of FILE.args>`), and
# compares its standard error with FILE's `.err` and its standard output with
# FILE's `.out` (each when it exists), and the exit code with `.code` (when
# it exists). With -DREFRESH=ON it rewrites the expected files instead.
#   cmake -DFRIST=… -DSOURCE_ROOT=… -DFILE=tests/golden/x/y.frist -DARGS="check" [-DSCRATCH_DIR=…] -P run_golden.cmake
separate_arguments(arg_list UNIX_COMMAND "${ARGS}")
set(target ${FILE})
if(FILE MATCHES "\\.args$")
  # A .args file holds a whole command line (paths relative to the source root).
  file(READ ${SOURCE_ROOT}/${FILE} args_text)
  string(STRIP "${args_text}" args_text)
  separate_arguments(arg_list UNIX_COMMAND "${args_text}")
  set(target "")
endif()
if(ARGS STREQUAL "disasm")
  # Disassembly is tested from source: compile to a scratch file first, in
  # SCRATCH_DIR (ctest passes the build folder) or else the temporary folder
  # (not the current one: scripts/refresh-golden.sh runs in the source root).
  if(NOT SCRATCH_DIR)
    if(DEFINED ENV{TMPDIR})
      set(SCRATCH_DIR $ENV{TMPDIR})
    else()
      set(SCRATCH_DIR /tmp)
    endif()
  endif()
  string(MAKE_C_IDENTIFIER "${FILE}" scratch_name)
  set(target ${SCRATCH_DIR}/golden-${scratch_name}.fristc)
  set(scratch_file ${target})
  execute_process(COMMAND ${FRIST} compile ${FILE} -o ${target} WORKING_DIRECTORY ${SOURCE_ROOT}
                  RESULT_VARIABLE compile_code OUTPUT_QUIET ERROR_QUIET)
  if(NOT compile_code EQUAL 0)
    message(FATAL_ERROR "golden test ${FILE}: frist compile failed (${compile_code})")
  endif()
endif()
execute_process(
  COMMAND ${FRIST} ${arg_list} ${target}
  WORKING_DIRECTORY ${SOURCE_ROOT}
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE code)
if(scratch_file)
  file(REMOVE ${scratch_file})
endif()
get_filename_component(dir ${FILE} DIRECTORY)
get_filename_component(stem ${FILE} NAME_WE)
set(base ${SOURCE_ROOT}/${dir}/${stem})
if(REFRESH)
  file(WRITE ${base}.err "${err}")
  if(out)
    file(WRITE ${base}.out "${out}")
  endif()
  file(WRITE ${base}.code "${code}\n")
  message(STATUS "refreshed ${FILE}")
  return()
endif()
set(failed FALSE)
if(EXISTS ${base}.err)
  file(READ ${base}.err want_err)
  if(NOT err STREQUAL want_err)
    message("--- expected stderr (${base}.err)\n${want_err}\n--- actual stderr\n${err}")
    set(failed TRUE)
  endif()
endif()
if(EXISTS ${base}.out)
  file(READ ${base}.out want_out)
  if(NOT out STREQUAL want_out)
    message("--- expected stdout (${base}.out)\n${want_out}\n--- actual stdout\n${out}")
    set(failed TRUE)
  endif()
endif()
if(EXISTS ${base}.code)
  file(READ ${base}.code want_code)
  string(STRIP "${want_code}" want_code)
  if(NOT code STREQUAL want_code)
    message("--- expected exit code ${want_code}, got ${code}")
    set(failed TRUE)
  endif()
endif()
if(failed)
  message(FATAL_ERROR "golden test ${FILE} differs (run scripts/refresh-golden.sh to accept)")
endif()
