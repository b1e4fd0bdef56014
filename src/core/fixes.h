// Internal: the one-line fix for a Google error, by ErrorInfo reason first and
// HTTP status second. The same table will power `genai doctor`, so a plain
// `genai generate` failure already says what to do.
#ifndef GENAI_SRC_CORE_FIXES_H_
#define GENAI_SRC_CORE_FIXES_H_

#include <string>

#include "genai/error.h"

namespace genai::internal {

// Returns "" when we know nothing better than Google's own message.
std::string fix_for(const Error& error);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_FIXES_H_
