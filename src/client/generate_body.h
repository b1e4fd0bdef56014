// Internal: the body of one generateContent request, as Models sends it and
// as each line of an inline batch carries it (batches.cc), so the two cannot
// drift apart.
#ifndef GENAI_SRC_CLIENT_GENERATE_BODY_H_
#define GENAI_SRC_CLIENT_GENERATE_BODY_H_

#include <vector>

#include <nlohmann/json.hpp>

#include "client/api_client.h"
#include "genai/result.h"
#include "genai/types.h"

namespace genai::internal {

// generate_content_request_body (core/json_types.h) with the cache name
// completed for the backend; a config field the backend does not take is an
// error before anything is sent, as python-genai refuses it.
Result<nlohmann::json> generate_body(const ApiClient& api, const std::vector<Content>& contents,
                                     const GenerateContentConfig& config);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_GENERATE_BODY_H_
