// Context caches on both front ends: the cachedContents resource (create, get,
// list, PATCH of the expiry, delete) and its use by generateContent, where the
// cache's contents, system instruction and tools are put in front of the
// request's as if the caller had sent them.
#ifndef GENAI_EMULATOR_HANDLERS_CACHED_CONTENTS_H_
#define GENAI_EMULATOR_HANDLERS_CACHED_CONTENTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "emulator/common/errors.h"
#include "emulator/handlers/gemini_methods.h"

namespace genai::emulator {

struct CacheUse {
  int64_t tokens = 0;   // usageMetadata.cachedContentTokenCount
  std::string text;     // the cached text, for an answer that shows it was read
};

// If `call.body` names a cachedContent: checks it exists for `call.owner`,
// is unexpired and is for `call.model`, refuses systemInstruction / tools /
// toolConfig beside it (Google's 400), and merges the cache into the body.
// Returns nullopt (and leaves `use` empty) when no cache is named.
std::optional<GoogleError> apply_cached_content(ServerEnv& env, GeminiCall& call, CacheUse& use);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_HANDLERS_CACHED_CONTENTS_H_
