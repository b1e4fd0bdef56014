#include "cli/doctor_environment.h"

#include <algorithm>
#include <regex>

namespace genai::cli {
namespace {

constexpr std::string_view kEnvPrefix = "environment variable ";

bool starts_with(std::string_view text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

// "environment variable GEMINI_API_KEY" -> "GEMINI_API_KEY"; "" for any other source.
std::string variable_of(const std::string& source) {
  return starts_with(source, kEnvPrefix) ? source.substr(kEnvPrefix.size()) : std::string();
}

// The credential Application Default Credentials would give were the key
// variables unset: what express mode silently stood in for.
std::optional<ResolvedCredentials> adc_without_keys(const EnvironmentInput& in) {
  ClientOptions o;
  o.vertexai = true;
  o.on_warning = [](std::string_view) {};
  ResolverEnvironment env;
  env.getenv = [&in](std::string_view name) -> std::optional<std::string> {
    if (name == "GOOGLE_API_KEY" || name == "GEMINI_API_KEY") return std::nullopt;
    return in.getenv(name);
  };
  Result<ResolvedCredentials> r = resolve_credentials(o, env);
  if (!r) return std::nullopt;
  return std::move(*r);
}

class EnvironmentReport {
 public:
  EnvironmentReport(Report& report, const EnvironmentInput& in) : report_(report), in_(in), r_(*in.resolved) {}

  bool run() {
    bool chose = false;
    // Every warning and note the resolver can give, worded from its code.
    for (const std::vector<ResolverNote>* list : {&r_.warnings, &r_.notes}) {
      for (const ResolverNote& n : *list) chose = say(n) || chose;
    }
    // A file of secrets others can read, as the library and the CLI word it.
    static const std::regex loose(R"(^credentials file (.+) has mode (\d+):)");
    static const std::regex readable(R"(^the [A-Za-z ]+ file (.+) is readable by other users;)");
    for (const std::string& w : in_.warnings) {
      std::smatch m;
      if (std::regex_search(w, m, loose) || std::regex_search(w, m, readable)) {
        const std::string path = m[1].str();
        if (in_.reported_paths.count(path)) continue;
        report_.add("file permissions", Status::kWarn, t(M::kDocFileLoose, {path, m.size() > 2 ? m[2].str() : "?"}),
                    {"", "", "", "", "chmod 600 " + path});
      } else if (std::none_of(r_.warnings.begin(), r_.warnings.end(),
                              [&w](const ResolverNote& n) { return n.text == w; })) {
        unknown(w);
      }
    }
    return chose;
  }

 private:
  std::string t(M id, std::initializer_list<std::string_view> args = {}) const { return tr(in_.lang, id, args); }
  void warn(std::string detail, Fix fix) { report_.add("environment", Status::kWarn, std::move(detail), std::move(fix)); }
  // A warning of the library's that is not the resolver's (those have codes):
  // its own sentence beats saying nothing.
  void unknown(const std::string& text) { warn(text, {}); }

  // One finding for a warning or note of the resolver; true when it means the
  // environment chose the credential in use.
  bool say(const ResolverNote& n) {
    switch (n.code) {
      case ResolverNote::Code::kBothApiKeyVariables:
        warn(t(M::kDocEnvBothKeys), {t(M::kFixEnvBothKeys), {}, {}, {}, "unset GOOGLE_API_KEY"});
        return true;
      case ResolverNote::Code::kVertexVariablesDisagree:
        warn(t(M::kDocEnvVertexConflict), {t(M::kFixEnvVertexConflict), {}, {}, {}, "unset GOOGLE_GENAI_USE_VERTEXAI"});
        return false;
      case ResolverNote::Code::kExpressMode:
        express(n.variable);
        return true;
      case ResolverNote::Code::kApiKeyIgnored:
        key_ignored(n.variable);
        return false;
    }
    unknown(n.text);  // a code newer than this doctor
    return false;
  }

  void express(std::string var) {
    if (var.empty()) var = variable_of(r_.source);
    std::string adc;
    std::string command = "unset " + (var.empty() ? std::string("GEMINI_API_KEY") : var);
    if (std::optional<ResolvedCredentials> other = adc_without_keys(in_)) {
      const std::string& project = other->config.project;
      adc = t(M::kDocEnvExpressAdc, {localize_credential_text(in_.lang, other->source), project});
    } else {
      command += " && export GOOGLE_CLOUD_PROJECT=PROJECT_ID";
    }
    warn(t(M::kDocEnvExpress, {var.empty() ? r_.source : var, adc}), {t(M::kFixEnvExpress), {}, {}, {}, command});
  }

  void key_ignored(std::string var) {
    if (var.empty()) var = "GEMINI_API_KEY";
    warn(t(M::kDocEnvKeyIgnored, {var, project_source_text(in_.lang, r_.project_source),
                                  localize_credential_text(in_.lang, r_.source)}),
         {t(M::kFixEnvKeyIgnored), {}, {}, {}, "unset " + var});
  }

  Report& report_;
  const EnvironmentInput& in_;
  const ResolvedCredentials& r_;
};

}  // namespace

bool report_environment(Report& report, const EnvironmentInput& in) { return EnvironmentReport(report, in).run(); }

std::string project_source_text(Lang lang, const std::string& source) {
  if (source == "ClientOptions::project") return tr(lang, M::kDocSourceFlag);
  if (starts_with(source, "the credential (") && source.back() == ')') {
    return tr(lang, M::kDocSourceCredential, {localize_credential_text(lang, source.substr(16, source.size() - 17))});
  }
  return localize_credential_text(lang, source);
}

std::string project_source_command(const std::string& source) {
  if (source == "ClientOptions::project") return "genai --project PROJECT_ID ...";
  // The variable beats a key file's project_id, so it also overrides a credential's project.
  return "export GOOGLE_CLOUD_PROJECT=PROJECT_ID";
}

}  // namespace genai::cli
