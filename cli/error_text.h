// genai's errors on stderr in the user's language. libgenai words its errors
// in English; those of its own that carry a reason (ErrorInfo of domain
// "genai-cpp": a credentials file that is missing, unreadable, not JSON, of
// the wrong type, without a field, with a broken private key) the CLI says
// again from the message catalogue (messages.h), built from the facts the
// error carries, as doctor's fixes are built from Google's reasons. Google's
// own messages are never translated.
//
//   if (std::optional<ErrorText> zh = localized_error(Lang::kZh, error)) std::cerr << zh->message;
//   return print_usage_error(lang, tr(lang, M::kUsageExcludes, {"--ttl", "--expire-time"}), tr(lang, M::kFixUsageHelp));
#ifndef GENAI_CLI_ERROR_TEXT_H_
#define GENAI_CLI_ERROR_TEXT_H_

#include <optional>
#include <string>
#include <string_view>

#include "cli/messages.h"
#include "genai/error.h"

namespace genai::cli {

struct ErrorText {
  std::string message;
  std::string fix;
};

// The error in `lang` when genai has its own words for it; nullopt in
// English (the library's words are the English ones) and for any other error.
std::optional<ErrorText> localized_error(Lang lang, const Error& error);

// A warning of the library's or the CLI's (a secret file others can read,
// both key variables set, the Vertex AI variables disagreeing) in `lang`;
// any other warning as it is.
std::string localized_warning(Lang lang, std::string_view warning);
// Prints a warning ("genai: warning: ...") in error_lang(): the default
// ClientOptions::on_warning of every command.
void print_warning(std::string_view warning);

// Prints an error of the CLI's own ("genai: error: ...", then the fix unless
// it is empty) in `lang`.
void print_error(Lang lang, const std::string& message, const std::string& fix);
// print_error for a usage error; returns kExitUsage.
int print_usage_error(Lang lang, const std::string& message, const std::string& fix);

// The language errors are printed in: --lang or $GENAI_LANG, set once the
// command line is parsed (report() and the parse errors read it).
Lang error_lang();
void set_error_lang(Lang lang);

}  // namespace genai::cli

#endif  // GENAI_CLI_ERROR_TEXT_H_
