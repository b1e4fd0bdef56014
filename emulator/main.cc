// genai-emulator: parses flags, starts the server, waits for Ctrl-C.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "emulator/frontend/server.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

constexpr const char* kUsage =
    "Usage: genai-emulator [options]\n"
    "A local stand-in for Google's Gemini APIs (Developer API and Vertex AI) and their\n"
    "credential system (API keys and restrictions, API enablement, service accounts,\n"
    "the OAuth token endpoint, IAM, the metadata server, quotas), for offline use and tests.\n\n"
    "Options:\n"
    "  --host ADDR              address to bind (default 127.0.0.1)\n"
    "  --port N                 port (default 0: an ephemeral port, printed at start)\n"
    "  --state FILE             load state from FILE and save every change to it (mode 0600)\n"
    "  --storage-dir DIR        where Cloud Storage keeps object bytes (default: FILE.storage next to\n"
    "                           --state, else a temporary directory removed at exit)\n"
    "  --seed N                 seed of the deterministic model output (default 42)\n"
    "  --faults SPEC            fault injection rules, e.g. 'generateContent=503@0.2' (docs/emulator.md)\n"
    "  --rpm N                  requests per minute per project before 429 (default 0: unlimited)\n"
    "  --stream-delay MS        pause between streamed chunks (default 0)\n"
    "  --min-cache-tokens N     refuse context caches smaller than N tokens, as Google\n"
    "                           does (1024/4096); default 0: any size\n"
    "  --token-lifetime S       lifetime of issued OAuth access tokens in seconds (default 3600)\n"
    "  --bootstrap-demo         create the demo scenario if the state is empty: demo-project (Gemini,\n"
    "                           Vertex AI and IAM Credentials APIs on; an AI Studio key; owner@example.com;\n"
    "                           service account gemini-backend with Vertex AI User, served by the\n"
    "                           metadata server) and fresh-project (APIs off; a Console key)\n"
    "  --trust-forwarded-for    take the caller IP from X-Forwarded-For (testing IP-restricted keys)\n"
    "  --log-requests           print one line per request to stderr\n"
    "  --admin-token TOKEN      require \"Authorization: Bearer TOKEN\" on the admin API (/emulator/...);\n"
    "                           also GENAI_EMULATOR_ADMIN_TOKEN. Bound to a non-loopback --host without\n"
    "                           one, the emulator makes one up and prints it\n"
    "  --max-request-bytes N    refuse larger request bodies as Google does (default 20971520)\n"
    "  --read-timeout S         each read of a request must arrive within S seconds; idle kept-alive\n"
    "                           connections close after it (default 5)\n"
    "  --max-connections N      connections served at once, one thread each (default 256)\n"
    "  --live-max-sessions N    Live API (WebSocket) sessions open at once (default 64)\n"
    "  --live-max-session S     a Live connection's longest life; goAway comes 10 s before (default 600)\n"
    "  --live-delay MS          pause between the messages of a Live answer (default 20)\n"
    "  --live-context-tokens N  a Live session's context window (default 131072)\n"
    "  --help                   show this help\n\n"
    "Web console:\n"
    "  http://HOST:PORT/console  the Cloud Console and AI Studio pages of the credentials tutorial\n"
    "                           (projects, API Library, Credentials, service accounts, IAM, AI Studio's\n"
    "                           \"Get API key\"), on the emulator's own state; English and Chinese.\n"
    "                           With an admin token, open /console?token=TOKEN (docs/console.md)\n\n"
    "Example:\n"
    "  genai-emulator --port 8080 --bootstrap-demo\n"
    "  GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:8080 genai generate \"Hello\"\n";

bool parse_number(const char* text, long long& out) {
  char* end = nullptr;
  out = std::strtoll(text, &end, 10);
  return end != text && *end == '\0' && out >= 0;
}

}  // namespace

int main(int argc, char** argv) {
  genai::emulator::ServerOptions options;
  // From the environment first, so the token need not show in `ps`.
  if (const char* token = std::getenv("GENAI_EMULATOR_ADMIN_TOKEN"); token && *token) options.admin_token = token;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::cerr << "genai-emulator: " << name << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    auto number = [&](const char* name) -> long long {
      long long n = 0;
      const char* v = value(name);
      if (!parse_number(v, n)) {
        std::cerr << "genai-emulator: " << name << " needs a non-negative number, got '" << v << "'\n";
        std::exit(2);
      }
      return n;
    };
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--host") {
      options.host = value("--host");
    } else if (arg == "--port") {
      options.port = static_cast<int>(number("--port"));
    } else if (arg == "--state") {
      options.state_file = value("--state");
    } else if (arg == "--seed") {
      options.seed = static_cast<std::uint64_t>(number("--seed"));
    } else if (arg == "--faults") {
      options.faults = value("--faults");
    } else if (arg == "--rpm") {
      options.requests_per_minute = static_cast<int>(number("--rpm"));
    } else if (arg == "--stream-delay") {
      options.stream_chunk_delay_ms = static_cast<int>(number("--stream-delay"));
    } else if (arg == "--min-cache-tokens") {
      options.min_cache_tokens = static_cast<int>(number("--min-cache-tokens"));
    } else if (arg == "--token-lifetime") {
      options.token_lifetime = std::chrono::seconds(number("--token-lifetime"));
    } else if (arg == "--bootstrap-demo") {
      options.bootstrap_demo = true;
    } else if (arg == "--trust-forwarded-for") {
      options.trust_forwarded_for = true;
    } else if (arg == "--log-requests") {
      options.log_requests = true;
    } else if (arg == "--storage-dir") {
      options.storage_dir = value("--storage-dir");
    } else if (arg == "--admin-token") {
      options.admin_token = value("--admin-token");
    } else if (arg == "--max-request-bytes") {
      options.max_request_bytes = static_cast<size_t>(number("--max-request-bytes"));
    } else if (arg == "--read-timeout") {
      options.read_timeout = std::chrono::seconds(std::max(1LL, number("--read-timeout")));
    } else if (arg == "--max-connections") {
      options.max_connections = static_cast<int>(std::max(1LL, number("--max-connections")));
    } else if (arg == "--live-max-sessions") {
      options.live_max_sessions = static_cast<int>(number("--live-max-sessions"));
    } else if (arg == "--live-max-session") {
      options.live_max_session = std::chrono::seconds(std::max(1LL, number("--live-max-session")));
    } else if (arg == "--live-delay") {
      options.live_chunk_delay_ms = static_cast<int>(number("--live-delay"));
    } else if (arg == "--live-context-tokens") {
      options.live_context_window_tokens = std::max(1LL, number("--live-context-tokens"));
    } else {
      std::cerr << "genai-emulator: unknown option '" << arg << "'\n\n" << kUsage;
      return 2;
    }
  }
  auto server = genai::emulator::Server::start(options);
  if (!server) {
    std::cerr << "genai-emulator: " << server.error().message << "\n";
    return 1;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::cout << "genai-emulator listening on " << (*server)->base_url() << std::endl;
  if (!genai::emulator::is_loopback_host(options.host)) {
    std::cerr << "genai-emulator: warning: bound to " << options.host
              << ", so other machines can reach it. Its keys and tokens are for testing only.\n";
    if (options.admin_token.empty()) {
      // Printed once, to the terminal that started it, as Jupyter prints its token.
      std::cerr << "genai-emulator: the admin API (/emulator/...) requires \"Authorization: Bearer "
                << (*server)->admin_token() << "\"\n";
    } else {
      std::cerr << "genai-emulator: the admin API (/emulator/...) requires the admin token you gave.\n";
    }
  }
  while (!g_stop) pause();
  (*server)->stop();
  return 0;
}
