#include "cli/explain.h"

#include <sys/stat.h>

#include <cstring>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/error_text.h"
#include "cli/messages.h"
#include "cli/table.h"

namespace genai::cli {
namespace {

using nlohmann::json;

struct Kind {
  const char* id;  // stable, for --json and scripts
  M name, what, calls, risks, advice;
};

// The tutorial's comparison (Console key, AI Studio key, service account,
// Project Owner) plus the two other ways a Google credential reaches genai.
constexpr Kind kKinds[] = {
    {"console_api_key", M::kKindConsoleKey, M::kKindConsoleKeyWhat, M::kKindConsoleKeyCalls, M::kKindConsoleKeyRisks,
     M::kKindConsoleKeyAdvice},
    {"studio_api_key", M::kKindStudioKey, M::kKindStudioKeyWhat, M::kKindStudioKeyCalls, M::kKindStudioKeyRisks,
     M::kKindStudioKeyAdvice},
    {"service_account", M::kKindServiceAccount, M::kKindServiceAccountWhat, M::kKindServiceAccountCalls,
     M::kKindServiceAccountRisks, M::kKindServiceAccountAdvice},
    {"user_credentials", M::kKindUser, M::kKindUserWhat, M::kKindUserCalls, M::kKindUserRisks, M::kKindUserAdvice},
    {"metadata_server", M::kKindMetadata, M::kKindMetadataWhat, M::kKindMetadataCalls, M::kKindMetadataRisks,
     M::kKindMetadataAdvice},
    {"project_owner", M::kKindOwner, M::kKindOwnerWhat, M::kKindOwnerCalls, M::kKindOwnerRisks, M::kKindOwnerAdvice},
};

struct InUse {
  bool found = false;
  std::string kind;         // Credentials::kind(), e.g. "api_key"
  std::string description;  // redacted
  std::string source;
  std::string problem;      // why none was found
};

// The credential genai would use, found as `auth print-identity` finds it,
// but a missing one is an answer here, not an error. Without --vertex and
// without a key, Application Default Credentials are what a --vertex call
// would use, so they count.
InUse credential_in_use(const GlobalOptions& g) {
  InUse u;
  int code = kExitOk;
  std::optional<ClientOptions> o = client_options(g, &code);
  if (!o) {
    u.problem = tr(lang_of(g), M::kDocCredentialNotLoaded);
    return u;
  }
  o->on_warning = [](std::string_view) {};
  Result<ResolvedCredentials> r = resolve_credentials(*o);
  // What the resolver settled on, and where it came from.
  const auto found = [&u](const ResolvedCredentials& c, std::string source) {
    u.found = true;
    u.kind = to_string(c.kind);
    u.description = redact(c.config.credential_description);
    u.source = std::move(source);
  };
  if (r) {
    found(*r, credential_source(g, r->config));
    return u;
  }
  // libgenai words it in English; in another language, say what is missing.
  const Error& e = r.error();
  const bool none = e.kind == ErrorKind::kAuth && e.message.rfind("no ", 0) == 0 && lang_of(g) != Lang::kEn;
  const std::optional<ErrorText> local = localized_error(lang_of(g), e);
  u.problem = none ? tr(lang_of(g), M::kExplainNoCredential) : redact(local ? local->message : e.message);
  if (!g.vertex) {
    // What a --vertex call would use. Which credential Application Default
    // Credentials find does not depend on the project, so a stand-in one
    // lets the resolver answer where a real call would ask for it.
    ClientOptions vertex = *o;
    vertex.vertexai = true;
    if (vertex.project.empty()) vertex.project = "any-project";
    if (Result<ResolvedCredentials> adc = resolve_credentials(vertex); adc) found(*adc, adc->source);
  }
  return u;
}

bool marks(const std::string& credential_kind, const std::string& row) {
  if (credential_kind == "api_key") return row == "console_api_key" || row == "studio_api_key";
  if (credential_kind == "service_account" || credential_kind == "impersonated_service_account") {
    return row == "service_account";
  }
  if (credential_kind == "authorized_user") return row == "user_credentials";
  if (credential_kind == "metadata_server") return row == "metadata_server";
  return false;
}

int explain_kinds(const GlobalOptions& g, bool as_json) {
  const Lang lang = lang_of(g);
  const InUse u = credential_in_use(g);
  if (as_json) {
    json kinds = json::array();
    for (const Kind& k : kKinds) {
      kinds.push_back({{"id", k.id},
                       {"kind", tr(lang, k.name)},
                       {"what", tr(lang, k.what)},
                       {"can_call", tr(lang, k.calls)},
                       {"risks", tr(lang, k.risks)},
                       {"recommendation", tr(lang, k.advice)},
                       {"in_use", u.found && marks(u.kind, k.id)}});
    }
    json in_use = u.found ? json{{"kind", u.kind}, {"identity", u.description}, {"source", u.source}}
                          : json{{"kind", nullptr}, {"problem", u.problem}};
    std::cout << json{{"credential_in_use", in_use}, {"kinds", kinds}}.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << tr(lang, M::kExplainTitle) << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (const Kind& k : kKinds) {
    const bool mark = u.found && marks(u.kind, k.id);
    rows.push_back({(mark ? "* " : "") + tr(lang, k.name), tr(lang, k.what), tr(lang, k.calls), tr(lang, k.risks),
                    tr(lang, k.advice)});
  }
  std::cout << render_table({tr(lang, M::kExplainColKind), tr(lang, M::kExplainColWhat), tr(lang, M::kExplainColCalls),
                             tr(lang, M::kExplainColRisks), tr(lang, M::kExplainColAdvice)},
                            rows, terminal_width());
  if (u.found) {
    std::cout << tr(lang, M::kExplainInUse,
                    {u.kind, localize_credential_text(lang, u.description), localize_credential_text(lang, u.source)})
              << "\n"
              << tr(lang, M::kExplainLegend) << "\n";
    if (u.kind == "api_key") std::cout << tr(lang, M::kExplainApiKeyWhich) << "\n";
    if (u.kind == "authorized_user") std::cout << tr(lang, M::kExplainUserOwnerNote) << "\n";
  } else {
    std::cout << tr(lang, M::kExplainInUseNone, {u.problem}) << "\n";
  }
  std::cout << tr(lang, M::kExplainMore) << "\n";
  return kExitOk;
}

// What a credentials file is, who it speaks for, and what to watch out for,
// without using it (no network) and without printing a secret.
int explain_file(const GlobalOptions& g, const std::string& path, bool as_json) {
  const Lang lang = lang_of(g);
  Result<CredentialsFileInfo> info = inspect_credentials_file(path);
  if (!info) return report(info.error());
  struct stat st {};
  const bool loose = ::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0;
  const std::string& type = info->type;
  std::string summary;
  // (json field, label, value), in display order.
  std::vector<std::tuple<std::string, std::string, std::string>> fields;
  auto field = [&](const char* key, M label, const std::string& v) { fields.emplace_back(key, tr(lang, label), v); };
  int code = kExitOk;
  if (type == "api_key") {
    summary = tr(lang, M::kFileApiKey, {path, info->masked_api_key});
    field("use", M::kLabelUse, tr(lang, M::kFileApiKeyUse, {path}));
    field("note", M::kLabelNote, tr(lang, M::kFileApiKeyNote));
    field("check", M::kLabelCheck, "genai --api-key-file " + path + " doctor");
  } else if (type == "service_account") {
    summary = tr(lang, M::kFileServiceAccount, {path});
    field("account", M::kLabelAccount, info->account);
    field("project", M::kLabelProject, info->project_id.empty() ? tr(lang, M::kFileNoProject) : info->project_id);
    field("key_id", M::kLabelKeyId, info->private_key_id.empty() ? tr(lang, M::kFileNone) : info->private_key_id);
    field("token_uri", M::kLabelTokenUri, info->token_uri);
    field("use", M::kLabelUse, tr(lang, M::kFileSaUse, {path}));
    field("role", M::kLabelRole, tr(lang, M::kFileSaRole));
    field("note", M::kLabelNote, tr(lang, M::kFileSaNote));
  } else if (type == "authorized_user") {
    summary = tr(lang, M::kFileUser, {path});
    field("account", M::kLabelAccount, info->account.empty() ? tr(lang, M::kFileNotRecorded) : info->account);
    field("client", M::kLabelClient, info->client_id);
    field("quota_project", M::kLabelQuotaProject,
          info->quota_project_id.empty() ? tr(lang, M::kFileNoQuotaProject) : info->quota_project_id);
    field("use", M::kLabelUse, tr(lang, M::kFileUserUse, {path}));
    field("note", M::kLabelNote, tr(lang, M::kFileUserNote));
  } else if (type == "impersonated_service_account") {
    summary = tr(lang, M::kFileImpersonated, {path});
    field("target", M::kLabelTarget, info->account);
    field("source", M::kLabelSource,
          tr(lang, M::kFileImpSource, {info->source_type.empty() ? tr(lang, M::kFileNone) : info->source_type}));
    field("needs", M::kLabelNeeds, tr(lang, M::kFileImpNeeds));
    field("use", M::kLabelUse, tr(lang, M::kFileImpUse, {path}));
  } else {
    summary = tr(lang, M::kFileUnsupported, {path, type.empty() ? tr(lang, M::kFileNone) : type});
    code = kExitAuth;
  }
  if (loose) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    field("warning", M::kLabelWarning, tr(lang, M::kFileLooseMode, {mode, path}));
  }
  if (as_json) {
    json out = {{"file", path}, {"type", type}, {"summary", summary}, {"supported", code == kExitOk}};
    for (const auto& [key, label, value] : fields) out[key] = value;
    std::cout << out.dump(2) << "\n";
    return code;
  }
  std::cout << summary << "\n";
  size_t label_width = 12;
  for (const auto& f : fields) label_width = std::max(label_width, display_width(std::get<1>(f)) + 2);
  for (const auto& [key, label, value] : fields) {
    std::cout << "  " << label << std::string(label_width - display_width(label), ' ') << value << "\n";
  }
  return code;
}

}  // namespace

int explain(const GlobalOptions& g, const std::string& file, bool json) {
  return file.empty() ? explain_kinds(g, json) : explain_file(g, file, json);
}

}  // namespace genai::cli
