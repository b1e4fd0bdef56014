// Internal: turns a streamed HTTP body of server-sent events into a
// Stream<GenerateContentResponse>, one typed chunk per event, read from the
// network only as the caller iterates.
#ifndef GENAI_SRC_CLIENT_RESPONSE_STREAM_H_
#define GENAI_SRC_CLIENT_RESPONSE_STREAM_H_

#include <memory>

#include "genai/http.h"
#include "genai/stream.h"
#include "genai/types.h"

namespace genai::internal {

Stream<GenerateContentResponse> make_response_stream(std::unique_ptr<HttpStream> http);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_RESPONSE_STREAM_H_
