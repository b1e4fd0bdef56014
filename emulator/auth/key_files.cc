#include "emulator/auth/key_files.h"

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "emulator/auth/crypto.h"
#include "emulator/common/clock.h"
#include "emulator/common/env.h"
#include "emulator/state/state.h"

namespace genai::emulator {

Result<CreatedServiceAccountKey> create_service_account_key_file(ServerEnv& env, const std::string& email) {
  const std::optional<ServiceAccount> sa = env.state().service_account(email);
  if (!sa) {
    return internal::local_error("NOT_FOUND", "Service account " + email + " does not exist.");
  }
  RsaKeyPair pair = generate_rsa_key_pair();
  Result<ServiceAccountKey> key = env.state().add_service_account_key(sa->email, pair.public_pem, env.clock().now());
  if (!key) return std::move(key).error();
  std::string escaped_email = sa->email;
  if (auto at = escaped_email.find('@'); at != std::string::npos) escaped_email.replace(at, 1, "%40");
  // Google's field order, 2-space indentation, trailing newline.
  nlohmann::ordered_json f;
  f["type"] = "service_account";
  f["project_id"] = sa->project_id;
  f["private_key_id"] = key->id;
  f["private_key"] = pair.private_pem;
  f["client_email"] = sa->email;
  f["client_id"] = sa->unique_id;
  f["auth_uri"] = "https://accounts.google.com/o/oauth2/auth";
  f["token_uri"] = env.base_url() + "/token";
  f["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs";
  f["client_x509_cert_url"] = "https://www.googleapis.com/robot/v1/metadata/x509/" + escaped_email;
  f["universe_domain"] = "googleapis.com";
  // Wipe the only other copy of the private key once it is in the file text.
  std::string text = f.dump(2) + "\n";
  for (char& c : pair.private_pem) c = 0;
  return CreatedServiceAccountKey{key->id, std::move(text), key->valid_after};
}

std::string authorized_user_file(ServerEnv& env, const std::string& client_id, const std::string& client_secret,
                                 const std::string& refresh_token, const std::string& quota_project_id) {
  // gcloud's field order; token_uri added so clients refresh at the emulator.
  nlohmann::ordered_json f;
  f["account"] = "";
  f["client_id"] = client_id;
  f["client_secret"] = client_secret;
  if (!quota_project_id.empty()) f["quota_project_id"] = quota_project_id;
  f["refresh_token"] = refresh_token;
  f["token_uri"] = env.base_url() + "/token";
  f["type"] = "authorized_user";
  f["universe_domain"] = "googleapis.com";
  return f.dump(2) + "\n";
}

std::string client_secret_file(ServerEnv& env, const OAuthClient& client) {
  nlohmann::ordered_json c;
  c["client_id"] = client.client_id;
  c["project_id"] = client.project_id;
  c["auth_uri"] = "https://accounts.google.com/o/oauth2/auth";
  c["token_uri"] = env.base_url() + "/token";
  c["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs";
  c["client_secret"] = client.client_secret;
  if (client.application_type != "web") c["redirect_uris"] = nlohmann::ordered_json::array({"http://localhost"});
  nlohmann::ordered_json f;
  f[client.application_type == "web" ? "web" : "installed"] = std::move(c);
  return f.dump();
}

}  // namespace genai::emulator
