// The `frist` binary: hands argv to the command dispatcher in cli/app.hpp.
#include "cli/app.hpp"

int main(int argc, char** argv) { return frist::cli::run_app(argc, argv); }
