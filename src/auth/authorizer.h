// Internal: a credential as the pipeline's Authorizer (transport/pipeline.h):
// its headers for each attempt, and after an HTTP 401 its token dropped so the
// next attempt fetches a new one. An API key cannot be refreshed: a 401 with
// one is final.
#ifndef GENAI_SRC_AUTH_AUTHORIZER_H_
#define GENAI_SRC_AUTH_AUTHORIZER_H_

#include <memory>

#include "genai/auth/credentials.h"
#include "transport/pipeline.h"

namespace genai::internal {

// Null for a null credential (the request goes unauthorized).
std::shared_ptr<const Authorizer> make_authorizer(std::shared_ptr<Credentials> credentials);

}  // namespace genai::internal

#endif  // GENAI_SRC_AUTH_AUTHORIZER_H_
