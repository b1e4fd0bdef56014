// --safety CATEGORY=THRESHOLD for genai generate and genai chat, and how a
// blocked answer is reported (the explanation on stderr, exit code 6).
//
//   genai generate --safety dangerous=none --safety harassment=only_high "..."
#ifndef GENAI_CLI_SAFETY_H_
#define GENAI_CLI_SAFETY_H_

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "genai/genai.h"

namespace genai::cli {

// Parses "CATEGORY=THRESHOLD": a full enum name (HARM_CATEGORY_DANGEROUS_CONTENT,
// BLOCK_ONLY_HIGH) or a short one (dangerous, hate, harassment, sexual, civic,
// all; low, medium, only_high / high, none, off, unspecified), any case, '-'
// or '_'. "all" sets the four configurable categories. On a bad value the
// error names the valid ones.
Result<std::vector<SafetySetting>> parse_safety_setting(const std::string& spec);

// Adds the repeatable --safety option to `cmd`; its values land in `specs`.
void add_safety_option(CLI::App* cmd, std::vector<std::string>& specs);

// The settings of every --safety value, later ones winning per category; on
// a bad value prints the usage error and returns nullopt (exit 2).
std::optional<std::vector<SafetySetting>> safety_settings_from(const std::vector<std::string>& specs);

// Prints "genai: blocked: <explanation>" on stderr and returns kExitBlocked.
int report_block(const Block& block);

}  // namespace genai::cli

#endif  // GENAI_CLI_SAFETY_H_
