// genai::Client: the entry point of libgenai, for the Gemini Developer API
// (API key) and Vertex AI (OAuth credentials or an express-mode key).
//
//   #include <genai/genai.h>
//
//   auto client = genai::Client::create().value();        // reads GEMINI_API_KEY etc.
//   auto reply = client.models().generate_content("gemini-2.5-flash", "Why is the sky blue?");
//   if (reply) std::cout << reply->text() << "\n";
//   else       std::cerr << reply.error().to_string() << "\n";
//   genai::Chat chat = client.chats().create("gemini-2.5-flash");
//   auto cache = client.caches().create("gemini-2.5-flash", cache_config);
//   auto up = client.storage().upload(genai::UploadSource::from_path("in.jsonl").value(), "gs://b/in.jsonl");
//   auto job = client.batches().create("gemini-2.5-flash", requests);   // batches.h
//   auto video = client.operations().wait(client.models().generate_videos("veo-3.0-generate-001", "A koi pond").value());
//   genai::File doc = client.files().upload("report.pdf").value();
//   auto session = client.live().connect("gemini-live-2.5-flash-preview", live_config).value();  // live.h
//   auto store = client.file_search_stores().create({.display_name = "docs"});  // file_search_stores.h
//
// A Client is cheap to copy (copies share one connection pool, one token cache
// and one event loop) and safe to use from many threads at once.
#ifndef GENAI_CLIENT_H_
#define GENAI_CLIENT_H_

#include <memory>
#include <string>

#include "genai/auth/credentials.h"
#include "genai/auth_tokens.h"
#include "genai/batches.h"
#include "genai/caches.h"
#include "genai/chats.h"
#include "genai/file_search_stores.h"
#include "genai/file_service.h"
#include "genai/live.h"
#include "genai/models.h"
#include "genai/operations.h"
#include "genai/options.h"
#include "genai/result.h"
#include "genai/tunings.h"
#include "genai/storage.h"

namespace genai {

namespace internal {
class ApiClient;
}

// The configuration a Client settled on, after options, environment and
// defaults. Holds no secret.
struct ClientConfig {
  bool vertexai = false;
  bool express_mode = false;   // Vertex AI with an API key
  std::string base_url;        // e.g. "https://generativelanguage.googleapis.com"
  std::string api_version;     // e.g. "v1beta"
  std::string project;         // Vertex AI only
  std::string location;        // Vertex AI only
  std::string credential_source;  // e.g. "environment variable GEMINI_API_KEY"
  CredentialKind credential_kind = CredentialKind::kApiKey;
  std::string credential_description;  // redacted, e.g. "AIza…x7Qk (39 chars)"
  // The key is an ephemeral token ("auth_tokens/...", auth_tokens.h): the
  // client can open Live API sessions only.
  bool ephemeral_token = false;
};

class Client {
 public:
  // Builds a client from options, filling what is empty from the environment
  // (see options.h). Fails with kInvalidArgument or kAuth when the options
  // contradict each other or no credential can be found.
  static Result<Client> create(ClientOptions options = {});

  Models models() const;
  Chats chats() const;
  Caches caches() const;
  Operations operations() const;
  Tunings tunings() const;
  // Cloud Storage (gs://) with this client's credential and transport.
  Storage storage(StorageOptions options = {}) const;
  Batches batches() const;
  Files files() const;  // the Files API (Gemini Developer API only)
  // The Live API: bidirectional sessions over a WebSocket (live.h).
  Live live() const;
  // Ephemeral tokens for the Live API (auth_tokens.h; Developer API only).
  AuthTokens auth_tokens() const;
  FileSearchStores file_search_stores() const;  // File Search (Gemini Developer API only)
  const ClientConfig& config() const;

 private:
  friend class BulkRunner;  // takes the client's retry policy, adding its 429 hook
  explicit Client(std::shared_ptr<internal::ApiClient> api);
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_CLIENT_H_
