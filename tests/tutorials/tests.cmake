# Tutorials: every example of docs/tutorial-da.md and docs/tutorial-en.md is
# extracted and checked (frist check, frist fmt --check, frist test for
# examples with tests, and every command the reader is told to run), so the
# docs cannot drift from the language.
foreach(lang da en)
  add_test(NAME tutorials.${lang}
    COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check_examples.sh $<TARGET_FILE:frist> docs/tutorial-${lang}.md
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
