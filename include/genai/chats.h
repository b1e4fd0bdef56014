// genai::Chats and genai::Chat: multi-turn conversations that keep their own
// history, as python-genai's client.chats. Each send_message sends the
// curated history plus the new message; the turn is recorded only when the
// call succeeded and the model answered with valid content, so a failed,
// empty or blocked turn (GenerateContentResponse::blocked()) can simply be
// retried or rephrased.
//
//   genai::Chat chat = client.chats().create("gemini-2.5-flash");
//   auto r = chat.send_message("Hi, I'm Ada.");
//   for (auto& chunk : chat.send_message_stream("What's my name?")) { ... }
//   genai::Json saved = chat.history_json();               // save
//   auto restored = genai::Chat::history_from_json(saved);  // load
//   genai::Chat again = client.chats().create("gemini-2.5-flash", {}, restored.value());
//
// A Chat is not meant to be used from two threads at once (each turn depends
// on the previous one); its history is guarded so misuse cannot corrupt it.
#ifndef GENAI_CHATS_H_
#define GENAI_CHATS_H_

#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genai/models.h"
#include "genai/result.h"
#include "genai/stream.h"
#include "genai/types.h"

namespace genai {

class Chat {
 public:
  Chat(Models models, std::string model, GenerateContentConfig config, std::vector<Content> history);

  // `config`, when given, replaces the chat's config for this turn only.
  Result<GenerateContentResponse> send_message(std::string_view text,
                                               const std::optional<GenerateContentConfig>& config = std::nullopt);
  Result<GenerateContentResponse> send_message(std::vector<Part> parts,
                                               const std::optional<GenerateContentConfig>& config = std::nullopt);

  // The turn is recorded when the stream ends without error and the chunks'
  // parts, joined, make valid content. Automatic function calling does not
  // run while streaming (function calls arrive as parts).
  Stream<GenerateContentResponse> send_message_stream(
      std::string_view text, const std::optional<GenerateContentConfig>& config = std::nullopt);
  Stream<GenerateContentResponse> send_message_stream(
      std::vector<Part> parts, const std::optional<GenerateContentConfig>& config = std::nullopt);

  // The same turns on the client's event loop (Models::generate_content_async
  // and generate_content_stream_async): a callback there, or a future. The
  // turn is recorded, as above, before `on_done` runs; send the next message
  // after that. As those calls, they send one request: automatic function
  // calling is not run.
  void send_message_async(std::vector<Part> parts, const std::optional<GenerateContentConfig>& config,
                          Callback<GenerateContentResponse> on_done);
  std::future<Result<GenerateContentResponse>> send_message_async(std::string_view text);
  void send_message_stream_async(std::vector<Part> parts, const std::optional<GenerateContentConfig>& config,
                                 Models::ChunkCallback on_chunk, Callback<void> on_done);
  std::future<Result<void>> send_message_stream_async(std::string_view text, Models::ChunkCallback on_chunk);

  // python-genai's get_history: every recorded turn (curated = false), or only
  // the valid ones, which are what the next message is sent with.
  std::vector<Content> get_history(bool curated = false) const;
  // The curated history.
  std::vector<Content> history() const { return get_history(true); }
  void clear_history();

  // The curated history as Google's wire JSON (a list of Content), for saving.
  Json history_json() const;
  // Parses what history_json wrote; fails on anything that is not a list of
  // contents with role "user" or "model".
  static Result<std::vector<Content>> history_from_json(const Json& j);

  const std::string& model() const { return model_; }

  struct State;  // internal: the histories, shared with open streams

 private:
  Models models_;
  std::string model_;
  GenerateContentConfig config_;
  std::shared_ptr<State> state_;  // shared with open streams, which record their turn at the end
};

class Chats {
 public:
  explicit Chats(Models models) : models_(std::move(models)) {}
  Chat create(std::string_view model, GenerateContentConfig config = {}, std::vector<Content> history = {}) const;

 private:
  Models models_;
};

}  // namespace genai

#endif  // GENAI_CHATS_H_
