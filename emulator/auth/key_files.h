// The credential files Google hands out, produced by the emulator in Google's
// exact JSON formats: a service-account key file (IAM keys.create) and an
// authorized_user file (what `gcloud auth application-default login` writes).
// Their token_uri points at the emulator so libraries exchange them there.
#ifndef GENAI_EMULATOR_AUTH_KEY_FILES_H_
#define GENAI_EMULATOR_AUTH_KEY_FILES_H_

#include <string>

#include "genai/result.h"

namespace genai::emulator {

class ServerEnv;

struct CreatedServiceAccountKey {
  std::string key_id;
  std::string key_file_json;  // the whole key file; holds the private key (a secret)
  std::string valid_after;
};

// Generates an RSA-2048 key pair, stores the public half on the account and
// returns the key file (type, project_id, private_key_id, private_key (PKCS#8
// PEM), client_email, client_id, auth_uri, token_uri, auth_provider_x509_cert_url,
// client_x509_cert_url, universe_domain).
Result<CreatedServiceAccountKey> create_service_account_key_file(ServerEnv& env, const std::string& email);

// An authorized_user file for a user signed in through `client_id`.
std::string authorized_user_file(ServerEnv& env, const std::string& client_id, const std::string& client_secret,
                                 const std::string& refresh_token, const std::string& quota_project_id);

struct OAuthClient;

// The client_secret.json the Console's "Download JSON" gives for an OAuth
// client: {"installed": {...}} for a Desktop app, {"web": {...}} for a web
// application, compact as Google writes it; token_uri is the emulator's.
std::string client_secret_file(ServerEnv& env, const OAuthClient& client);

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_AUTH_KEY_FILES_H_
