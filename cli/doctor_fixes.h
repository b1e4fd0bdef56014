// genai doctor's fixes: for a Google error, what to do, in the user's
// language, as a sentence and where one exists as a genai setup command, a
// gcloud command, a Console URL or a shell command. A fix names the real
// project and member when doctor knows them (the Vertex AI project, the
// error's consumer, the API key's project from its lookup, the service
// account's), so the writer reads doctor's findings as they accumulate.
//
//   FixWriter fixes({lang, config, sa_email, principal, key_project, project_source, project_unknown});
//   Fix fix = fixes.fix_for(error);
#ifndef GENAI_CLI_DOCTOR_FIXES_H_
#define GENAI_CLI_DOCTOR_FIXES_H_

#include <string>

#include "cli/doctor_report.h"
#include "cli/messages.h"
#include "genai/genai.h"

namespace genai::cli {

// What doctor has found so far; references to its own fields, which fill in
// as its checks run.
struct FixContext {
  const Lang& lang;
  const ClientConfig& config;
  const std::string& sa_email;        // the service account the credential speaks as, if any
  const std::string& principal;       // tokeninfo's e-mail
  const std::string& key_project;     // the API key's project, as API Keys v2 named it
  const std::string& project_source;  // where the Vertex AI project came from (the resolver's words)
  const std::string& project_unknown;  // why the project could not be looked up, in the user's language
};

// "API key expired. Please renew the API key." (an API_KEY_INVALID Google still knows).
bool key_expired(const Error& e);

class FixWriter {
 public:
  explicit FixWriter(FixContext c)
      : lang_(c.lang), config_(c.config), sa_email_(c.sa_email), principal_(c.principal),
        key_project_(c.key_project), project_source_(c.project_source), project_unknown_(c.project_unknown) {}

  // genai's fix for a Google error, in three forms where they exist; falls
  // back to libgenai's (English) hint for errors without one here. When the
  // project is not known, the fix says so and why, and gives no command
  // that would need it (never a PROJECT placeholder to fill in).
  Fix fix_for(const Error& e) const;
  // The Vertex AI User role for the member, and who can grant it.
  Fix grant_vertex_user() const;
  // The IAM member the credential speaks as, or a placeholder.
  std::string member() const;
  // Everything of a quota failure Google sent: which quota, its limit, the
  // delay it asks for ("" for other errors), to append to Google's message.
  std::string quota_details(const Error& e) const;

 private:
  std::string t(M id, std::initializer_list<std::string_view> args = {}) const { return tr(lang_, id, args); }
  // The project a fix should name; empty when none is known.
  std::string project_for(const Error* e = nullptr) const;
  Fix fix_naming(const Error& e, const std::string& p) const;
  Fix grant_in(const std::string& p) const;

  const Lang& lang_;
  const ClientConfig& config_;
  const std::string& sa_email_;
  const std::string& principal_;
  const std::string& key_project_;
  const std::string& project_source_;
  const std::string& project_unknown_;
};

}  // namespace genai::cli

#endif  // GENAI_CLI_DOCTOR_FIXES_H_
