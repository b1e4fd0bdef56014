// Internal: reading environment variables through an injectable provider, so
// configuration tests need not mutate the process environment.
#ifndef GENAI_SRC_CORE_ENV_H_
#define GENAI_SRC_CORE_ENV_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace genai::internal {

// Returns the value of a variable, or nullopt if unset. An empty value counts
// as set-but-empty; callers decide whether that means "unset".
using EnvProvider = std::function<std::optional<std::string>(std::string_view name)>;

// Reads the real process environment.
EnvProvider process_env();

// A fixed map, for tests.
EnvProvider map_env(std::map<std::string, std::string> values);

// Value of `name` if set and non-empty.
std::optional<std::string> env_non_empty(const EnvProvider& env, std::string_view name);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_ENV_H_
