// The README's example: generate once, then stream. Build against an installed
// genai-cpp with find_package(genai). Reads GEMINI_API_KEY (and
// GOOGLE_GEMINI_BASE_URL, e.g. to use genai-emulator).
#include <genai/genai.h>

#include <iostream>

int main() {
  genai::Result<genai::Client> client = genai::Client::create();  // GEMINI_API_KEY, ...
  if (!client) {
    std::cerr << client.error().to_string() << "\n";
    return 1;
  }
  auto reply = client->models().generate_content("gemini-2.5-flash", "Write a haiku about C++");
  if (!reply) {
    std::cerr << reply.error().to_string() << "\n";  // message + fix, secrets redacted
    return 1;
  }
  std::cout << reply->text() << "\n";

  // Streaming: chunks arrive as the server sends them.
  for (auto& chunk : client->models().generate_content_stream("gemini-2.5-flash", "Tell me a story")) {
    if (!chunk) {
      std::cerr << chunk.error().to_string() << "\n";
      return 1;
    }
    std::cout << chunk->text() << std::flush;
  }
  std::cout << "\n";
}
