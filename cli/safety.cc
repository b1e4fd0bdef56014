#include "cli/safety.h"

#include <array>
#include <cctype>
#include <iostream>

#include "cli/app.h"

namespace genai::cli {
namespace {

struct Alias {
  std::string_view name;  // normalised: upper case, '_' for '-'
  std::string_view value;
};

constexpr std::array<std::string_view, 4> kConfigurable = {
    "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT",
    "HARM_CATEGORY_DANGEROUS_CONTENT"};

constexpr std::array<Alias, 9> kCategories = {{
    {"HARASSMENT", "HARM_CATEGORY_HARASSMENT"},
    {"HATE", "HARM_CATEGORY_HATE_SPEECH"},
    {"HATE_SPEECH", "HARM_CATEGORY_HATE_SPEECH"},
    {"SEXUAL", "HARM_CATEGORY_SEXUALLY_EXPLICIT"},
    {"SEXUALLY_EXPLICIT", "HARM_CATEGORY_SEXUALLY_EXPLICIT"},
    {"DANGEROUS", "HARM_CATEGORY_DANGEROUS_CONTENT"},
    {"DANGEROUS_CONTENT", "HARM_CATEGORY_DANGEROUS_CONTENT"},
    {"CIVIC", "HARM_CATEGORY_CIVIC_INTEGRITY"},
    {"CIVIC_INTEGRITY", "HARM_CATEGORY_CIVIC_INTEGRITY"},
}};

constexpr std::array<Alias, 11> kThresholds = {{
    {"LOW", "BLOCK_LOW_AND_ABOVE"},
    {"LOW_AND_ABOVE", "BLOCK_LOW_AND_ABOVE"},
    {"MEDIUM", "BLOCK_MEDIUM_AND_ABOVE"},
    {"MEDIUM_AND_ABOVE", "BLOCK_MEDIUM_AND_ABOVE"},
    {"HIGH", "BLOCK_ONLY_HIGH"},
    {"ONLY_HIGH", "BLOCK_ONLY_HIGH"},
    {"NONE", "BLOCK_NONE"},
    {"OFF", "OFF"},
    {"UNSPECIFIED", "HARM_BLOCK_THRESHOLD_UNSPECIFIED"},
    {"DEFAULT", "HARM_BLOCK_THRESHOLD_UNSPECIFIED"},
    {"HARM_BLOCK_THRESHOLD_UNSPECIFIED", "HARM_BLOCK_THRESHOLD_UNSPECIFIED"},
}};

std::string normalise(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ') continue;
    out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

template <size_t N>
std::optional<std::string> resolve(const std::string& name, const std::array<Alias, N>& aliases) {
  for (const Alias& a : aliases) {
    // The full enum name is accepted as well as the short one.
    if (name == a.name || name == a.value || "BLOCK_" + name == a.value) return std::string(a.value);
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<SafetySetting>> parse_safety_setting(const std::string& spec) {
  const size_t eq = spec.find('=');
  const char* valid_categories =
      "harassment, hate, sexual, dangerous, civic, all (or HARM_CATEGORY_HARASSMENT, HARM_CATEGORY_HATE_SPEECH, "
      "HARM_CATEGORY_SEXUALLY_EXPLICIT, HARM_CATEGORY_DANGEROUS_CONTENT, HARM_CATEGORY_CIVIC_INTEGRITY)";
  const char* valid_thresholds =
      "low, medium, only_high, none, off, unspecified (or BLOCK_LOW_AND_ABOVE, BLOCK_MEDIUM_AND_ABOVE, "
      "BLOCK_ONLY_HIGH, BLOCK_NONE, OFF, HARM_BLOCK_THRESHOLD_UNSPECIFIED)";
  if (eq == std::string::npos) {
    return make_invalid_argument_error("--safety " + spec + ": expected CATEGORY=THRESHOLD",
                                      std::string("e.g. --safety dangerous=only_high; categories: ") +
                                          valid_categories + "; thresholds: " + valid_thresholds);
  }
  const std::string category = normalise(spec.substr(0, eq));
  const std::string threshold = normalise(spec.substr(eq + 1));
  std::optional<std::string> t = resolve(threshold, kThresholds);
  if (!t) {
    return make_invalid_argument_error("--safety " + spec + ": unknown threshold \"" + spec.substr(eq + 1) + "\"",
                                      std::string("Use one of: ") + valid_thresholds + ".");
  }
  std::vector<SafetySetting> out;
  if (category == "ALL") {
    for (std::string_view c : kConfigurable) out.push_back(SafetySetting{std::string(c), *t, std::nullopt});
    return out;
  }
  std::optional<std::string> c = resolve(category, kCategories);
  if (!c) {
    return make_invalid_argument_error("--safety " + spec + ": unknown category \"" + spec.substr(0, eq) + "\"",
                                      std::string("Use one of: ") + valid_categories + ".");
  }
  out.push_back(SafetySetting{*c, *t, std::nullopt});
  return out;
}

void add_safety_option(CLI::App* cmd, std::vector<std::string>& specs) {
  // allow_extra_args(false): one setting per flag, so the prompt after it stays the prompt.
  cmd->add_option("--safety", specs,
                  "A safety threshold, CATEGORY=THRESHOLD (repeatable): dangerous, hate, harassment, sexual, civic "
                  "or all = low, medium, only_high, none, off (or Google's enum names); the answer blocked exits 6 "
                  "with the reason on stderr")
      ->allow_extra_args(false);
}

std::optional<std::vector<SafetySetting>> safety_settings_from(const std::vector<std::string>& specs) {
  std::vector<SafetySetting> out;
  for (const std::string& spec : specs) {
    Result<std::vector<SafetySetting>> parsed = parse_safety_setting(spec);
    if (!parsed) {
      std::cerr << "genai: error: " << parsed.error().message << "\n  fix: " << parsed.error().fix << "\n";
      return std::nullopt;
    }
    for (SafetySetting& s : *parsed) {
      // A later flag for the same category replaces the earlier one.
      std::erase_if(out, [&](const SafetySetting& o) { return o.category == s.category; });
      out.push_back(std::move(s));
    }
  }
  return out;
}

int report_block(const Block& block) {
  std::cerr << "genai: blocked: " << block.explanation() << "\n";
  return kExitBlocked;
}

}  // namespace genai::cli
