#include "cli/app.h"

int main(int argc, char** argv) { return genai::cli::run(argc, argv); }
