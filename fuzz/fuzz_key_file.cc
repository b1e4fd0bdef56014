// Credential files (key_files.h) on arbitrary text: the JSON parse, the three
// typed parsers, and a whole service-account load (PEM key included). No
// environment is read and nothing is sent: loading makes no token request.
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/key_files.h"
#include "genai/auth/credentials.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace gi = genai::internal;
  const std::string where = "fuzz.json";
  if (auto j = gi::parse_credentials_json(text, where); j.ok()) {
    (void)gi::parse_service_account(j.value(), where);
    (void)gi::parse_authorized_user(j.value(), where);
    if (auto imp = gi::parse_impersonated(j.value(), where); imp.ok()) {
      (void)gi::parse_service_account(imp.value().source_credentials, where);
      (void)gi::parse_authorized_user(imp.value().source_credentials, where);
    }
  } else {
    (void)j.error().to_string();
  }
  genai::CredentialsOptions options;
  options.use_environment = false;
  options.on_warning = [](std::string_view) {};
  if (auto creds = genai::make_service_account_credentials(text, options); !creds.ok()) {
    (void)creds.error().to_string();
  }
  return 0;
}
