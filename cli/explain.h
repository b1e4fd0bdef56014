// genai auth explain: the credential tutorial's comparison of credential
// kinds (which one is in use marked), or what one credentials file is.
#ifndef GENAI_CLI_EXPLAIN_H_
#define GENAI_CLI_EXPLAIN_H_

#include <string>

#include "cli/app.h"

namespace genai::cli {

// Without a file: the table of credential kinds. With one: what that file is.
// Offline except for finding the credential in use (the metadata server probe).
int explain(const GlobalOptions& g, const std::string& file, bool json);

}  // namespace genai::cli

#endif  // GENAI_CLI_EXPLAIN_H_
