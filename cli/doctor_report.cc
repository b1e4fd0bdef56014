#include "cli/doctor_report.h"

#include <iostream>

#include "genai/secrets.h"

namespace genai::cli {
namespace {

// The translated title of a check id.
M title_of(const std::string& id) {
  static const std::pair<const char*, M> kTitles[] = {
      {"credential", M::kCheckCredential},       {"user credentials", M::kCheckUserCredentials},
      {"file permissions", M::kCheckFilePermissions}, {"key format", M::kCheckKeyFormat},
      {"token", M::kCheckToken},                 {"principal", M::kCheckPrincipal},
      {"network", M::kCheckNetwork},             {"API call", M::kCheckApiCall},
      {"API enabled", M::kCheckApiEnabled},      {"key valid", M::kCheckKeyValid},
      {"key restrictions", M::kCheckKeyRestrictions}, {"key kind", M::kCheckKeyKind},
      {"permission", M::kCheckPermission},       {"quota", M::kCheckQuota},
      {"model", M::kCheckModel},                 {"permissions", M::kCheckPermissions},
      {"least privilege", M::kCheckLeastPrivilege}, {"owner credentials", M::kCheckOwnerCredentials},
      {"environment", M::kCheckEnvironment},     {"project", M::kCheckProject},
      {"billing", M::kCheckBilling},             {"caller location", M::kCheckLocation}};
  for (const auto& [name, m] : kTitles) {
    if (id == name) return m;
  }
  return M::kCheckApiCall;
}

const char* label(Status s) {
  switch (s) {
    case Status::kOk: return "[ ok ]";
    case Status::kWarn: return "[warn]";
    case Status::kFail: return "[FAIL]";
    case Status::kSkip: return "[skip]";
  }
  return "";
}

const char* json_label(Status s) {
  switch (s) {
    case Status::kOk: return "ok";
    case Status::kWarn: return "warn";
    case Status::kFail: return "fail";
    case Status::kSkip: return "skip";
  }
  return "";
}

// Every string inside `j`, redacted.
nlohmann::json redacted(nlohmann::json j) {
  if (j.is_string()) return redact(j.get<std::string>());
  if (!j.is_object() && !j.is_array()) return j;
  for (auto& v : j) v = redacted(std::move(v));
  return j;
}

}  // namespace

std::string metadata_of(const Error& e, const std::string& key) {
  if (!e.error_info) return {};
  auto it = e.error_info->metadata.find(key);
  return it == e.error_info->metadata.end() ? std::string() : it->second;
}

Check& Report::add(std::string name, Status s, std::string detail, Fix fix, nlohmann::json data, int fail_code) {
  for (std::string* f : {&fix.text, &fix.setup, &fix.gcloud, &fix.console, &fix.shell}) *f = redact(*f);
  checks_.push_back({std::move(name), s, redact(detail), std::move(fix), redacted(std::move(data))});
  if (s == Status::kFail && first_error_ == 0) first_error_ = fail_code;
  return checks_.back();
}

Check* Report::find(const std::string& name) {
  for (auto it = checks_.rbegin(); it != checks_.rend(); ++it) {
    if (it->name == name) return &*it;
  }
  return nullptr;
}

void Report::amend(Check& check, const std::string& more, nlohmann::json data) {
  check.detail += "; " + redact(more);
  if (!data.is_object()) return;
  if (!check.data.is_object()) check.data = nlohmann::json::object();
  check.data.update(redacted(std::move(data)));
}

int Report::print(bool json) const {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const Check& c : checks_) {
      nlohmann::json item = {{"check", c.name},
                             {"title", tr(lang_, title_of(c.name))},
                             {"status", json_label(c.status)},
                             {"detail", c.detail},
                             {"fix", c.fix.text}};
      nlohmann::json how = nlohmann::json::object();
      if (!c.fix.setup.empty()) how["genai"] = c.fix.setup;
      if (!c.fix.gcloud.empty()) how["gcloud"] = c.fix.gcloud;
      if (!c.fix.console.empty()) how["console"] = c.fix.console;
      if (!c.fix.shell.empty()) how["shell"] = c.fix.shell;
      if (!how.empty()) item["fix_commands"] = how;
      if (c.data.is_object()) item.update(c.data);
      out.push_back(std::move(item));
    }
    std::cout << out.dump(2) << "\n";
    return first_error_;
  }
  for (const Check& c : checks_) {
    std::cout << label(c.status) << " " << (lang_ == Lang::kEn ? c.name : tr(lang_, title_of(c.name))) << ": "
              << c.detail << "\n";
    if (c.fix.empty()) continue;
    std::cout << "       " << tr(lang_, M::kDocFixLabel) << c.fix.text << "\n";
    for (const std::string* line : {&c.fix.shell, &c.fix.setup, &c.fix.gcloud, &c.fix.console}) {
      if (!line->empty()) std::cout << "         " << *line << "\n";
    }
  }
  std::cout << "\n" << tr(lang_, first_error_ ? M::kDocProblemFound : M::kDocNoProblem) << "\n";
  return first_error_;
}

}  // namespace genai::cli
