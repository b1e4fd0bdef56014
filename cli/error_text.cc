#include "cli/error_text.h"

#include <iostream>
#include <map>
#include <regex>

#include "cli/app.h"

namespace genai::cli {
namespace {

Lang g_error_lang = Lang::kEn;

// "the private_key field of the source_credentials of sa.json", as the
// library names a place in a credentials file, in `lang`.
std::string where_text(Lang lang, const std::string& where) {
  for (const auto& [prefix, id] : {std::pair<std::string_view, M>{"the source_credentials of ", M::kCredWhereSource},
                                   std::pair<std::string_view, M>{"the private_key field of ", M::kCredWherePrivateKey}}) {
    if (where.rfind(prefix, 0) == 0) return tr(lang, id, {where_text(lang, where.substr(prefix.size()))});
  }
  return where;
}

// What a file of `type` needs when one of its fields is wrong: a new file, written as that kind is written.
M field_fix(const std::string& type) {
  if (type == "service_account") return M::kFixCredNewKey;
  if (type == "authorized_user") return M::kFixCredAdcLogin;
  return M::kFixCredImpersonateLogin;
}

// `expected` as the library gives it: one type, or "a, b or c".
std::string expected_text(Lang lang, const std::string& expected) {
  if (expected.find(' ') == std::string::npos) return "\"" + expected + "\"";
  if (lang == Lang::kEn) return expected;
  std::string out = expected;
  for (const auto& [en, zh] : {std::pair<std::string_view, std::string_view>{", ", "、"}, {" or ", " 或 "}}) {
    for (size_t at = out.find(en); at != std::string::npos; at = out.find(en, at + zh.size())) {
      out.replace(at, en.size(), zh);
    }
  }
  return out;
}

}  // namespace

Lang error_lang() { return g_error_lang; }
void set_error_lang(Lang lang) { g_error_lang = lang; }

std::optional<ErrorText> localized_error(Lang lang, const Error& e) {
  if (lang == Lang::kEn || !e.error_info || e.error_info->domain != "genai-cpp") return std::nullopt;
  const std::map<std::string, std::string>& facts = e.error_info->metadata;
  const auto fact = [&facts](const char* key) {
    auto it = facts.find(key);
    return it == facts.end() ? std::string() : it->second;
  };
  const auto text = [lang](M message, std::initializer_list<std::string_view> args, M fix) {
    return ErrorText{tr(lang, message, args), tr(lang, fix)};
  };
  const std::string file = where_text(lang, fact("file"));
  const std::string& reason = e.error_info->reason;
  if (reason == "CREDENTIALS_FILE_NOT_FOUND") return text(M::kErrCredNotFound, {file}, M::kFixCredNotFound);
  if (reason == "CREDENTIALS_FILE_UNREADABLE") {
    return text(M::kErrCredUnreadable, {file, fact("cause")}, M::kFixCredUnreadable);
  }
  if (reason == "CREDENTIALS_FILE_NOT_JSON") return text(M::kErrCredNotJson, {file, fact("bytes")}, M::kFixCredNotJson);
  if (reason == "CREDENTIALS_FILE_WRONG_TYPE") {
    const std::string expected = expected_text(lang, fact("expected"));
    const std::string type = fact("type");
    return type.empty() ? text(M::kErrCredNoType, {file, expected}, M::kFixCredWrongType)
                        : text(M::kErrCredWrongType, {file, type, expected}, M::kFixCredWrongType);
  }
  if (reason == "CREDENTIALS_FILE_UNSUPPORTED_TYPE") {
    return text(M::kFileUnsupported, {file, fact("type")}, M::kFixCredUnsupported);
  }
  static const std::map<std::string, M, std::less<>> kFieldErrors = {
      {"CREDENTIALS_FIELD_MISSING", M::kErrCredFieldMissing},
      {"CREDENTIALS_FIELD_NOT_STRING", M::kErrCredFieldNotString},
      {"CREDENTIALS_FIELD_EMPTY", M::kErrCredFieldEmpty},
      {"CREDENTIALS_FIELD_INVALID", M::kErrCredFieldInvalid}};
  if (auto it = kFieldErrors.find(reason); it != kFieldErrors.end()) {
    return text(it->second, {file, fact("field")}, field_fix(fact("type")));
  }
  if (reason == "CREDENTIALS_PRIVATE_KEY_INVALID") return text(M::kErrCredPrivateKey, {file}, M::kFixCredPrivateKey);
  return std::nullopt;
}

std::string localized_warning(Lang lang, std::string_view warning) {
  if (lang == Lang::kEn) return std::string(warning);
  const std::string w(warning);
  // The library's ("credentials file P has mode M: ...") and the CLI's own
  // ("the API key file P is readable by other users; ...").
  static const std::regex loose(R"(^credentials file (.+) has mode (\d+):)");
  static const std::regex readable(R"(^the [A-Za-z ]+ file (.+) is readable by other users;)");
  std::smatch m;
  if (std::regex_search(w, m, loose) || std::regex_search(w, m, readable)) {
    const std::string path = m[1].str();
    return tr(lang, M::kDocFileLoose, {path, m.size() > 2 && m[2].matched ? m[2].str() : "?"}) + "; " +
           tr(lang, M::kWarnRunChmod, {path});
  }
  if (w.rfind("Both GOOGLE_API_KEY and GEMINI_API_KEY are set", 0) == 0) return tr(lang, M::kDocEnvBothKeys);
  if (w.rfind("Both GOOGLE_GENAI_USE_ENTERPRISE and GOOGLE_GENAI_USE_VERTEXAI", 0) == 0) {
    return tr(lang, M::kDocEnvVertexConflict);
  }
  return w;
}

void print_warning(std::string_view warning) {
  const Lang lang = error_lang();
  std::cerr << tr(lang, M::kWarningPrefix) + localized_warning(lang, warning) + "\n";
}

void print_error(Lang lang, const std::string& message, const std::string& fix) {
  std::string out = tr(lang, M::kErrorPrefix) + message + "\n";
  if (!fix.empty()) out += "  " + tr(lang, M::kDocFixLabel) + fix + "\n";
  std::cerr << out;
}

int print_usage_error(Lang lang, const std::string& message, const std::string& fix) {
  print_error(lang, message, fix);
  return kExitUsage;
}

}  // namespace genai::cli
