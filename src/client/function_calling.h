// Internal: automatic function calling. When a GenerateContentConfig carries
// C++ callables (Tool::from_functions), generate_content and
// generate_content_stream run the calls the model asks for and send the
// results back, as python-genai does for Python functions in `tools`, up to
// maximum_remote_calls model requests.
#ifndef GENAI_SRC_CLIENT_FUNCTION_CALLING_H_
#define GENAI_SRC_CLIENT_FUNCTION_CALLING_H_

#include <optional>
#include <string_view>
#include <vector>

#include "genai/models.h"

namespace genai::internal {

// True when `config` has callables and automatic function calling is not disabled.
bool automatic_function_calling_enabled(const GenerateContentConfig& config);

// The loop: each request goes through models.generate_content with automatic
// function calling disabled. Stops at an answer without function calls, at a
// call of a function that has no callable (the caller handles it), or after
// maximum_remote_calls requests. A callable that throws ends it with an
// kInvalidArgument error naming the function.
Result<GenerateContentResponse> generate_with_functions(const Models& models, std::string_view model,
                                                        const std::vector<Content>& contents,
                                                        const GenerateContentConfig& config);

// The same loop while streaming (python-genai's generate_content_stream):
// every chunk of every turn is delivered as it arrives; when a turn ended
// with function calls, they run and the next turn streams on. Chunks after
// the first turn carry automatic_function_calling_history (the input, the
// model's calls and the responses so far). A throwing callable ends the
// stream with the same error as above.
Stream<GenerateContentResponse> stream_with_functions(const Models& models, std::string_view model,
                                                      const std::vector<Content>& contents,
                                                      const GenerateContentConfig& config);

// One round of the loop for a caller with its own transport (the Live API's
// tool calls): the user turn of function responses for `calls`, run with the
// callables of `tools`; nullopt when a call names a function without a
// callable (the caller answers them). A throwing callable is the error above.
std::optional<Result<Content>> run_function_calls(const std::vector<Tool>& tools,
                                                  const std::vector<FunctionCall>& calls);

// Joins streamed chunks' parts: adjacent text parts of the same kind (answer
// or thought) become one, so a streamed turn is recorded as the unary call
// would have returned it.
void append_parts(Content& into, const std::vector<Part>& parts);

}  // namespace genai::internal

#endif  // GENAI_SRC_CLIENT_FUNCTION_CALLING_H_
