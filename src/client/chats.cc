// Chat: python-genai's chats.py semantics. Two histories are kept: the
// comprehensive one (every recorded turn, including the model's empty or
// invalid answers) and the curated one (valid turns only), which is what each
// new message is sent with. A call that fails records nothing.
#include "genai/chats.h"

#include "client/api_client.h"
#include "client/function_calling.h"
#include "core/errors.h"
#include "core/json_types.h"

namespace genai {

struct Chat::State {
  mutable std::mutex mu;
  std::vector<Content> comprehensive;
  std::vector<Content> curated;
};

namespace {

bool valid_content(const Content& c) {
  if (c.parts.empty()) return false;
  for (const Part& p : c.parts) {
    if (p == Part{}) return false;
  }
  return true;
}

// python-genai's _extract_curated_history: a model turn that is not valid
// drops itself and the user turn that asked for it.
std::vector<Content> curate(const std::vector<Content>& all) {
  std::vector<Content> out;
  for (size_t i = 0; i < all.size();) {
    if (all[i].role.value_or("user") != "model") {
      out.push_back(all[i++]);
      continue;
    }
    std::vector<Content> outputs;
    bool valid = true;
    while (i < all.size() && all[i].role.value_or("user") == "model") {
      valid = valid && valid_content(all[i]);
      outputs.push_back(all[i++]);
    }
    if (valid) {
      out.insert(out.end(), outputs.begin(), outputs.end());
    } else if (!out.empty()) {
      out.pop_back();
    }
  }
  return out;
}

void record(Chat::State& s, const Content& user_input, const std::vector<Content>& afc_turns,
            std::optional<Content> output, bool valid) {
  // python-genai records an empty model turn for an empty answer, so the
  // comprehensive history keeps alternating.
  if (!output) output = Content{"model", {}};
  std::lock_guard<std::mutex> lock(s.mu);
  s.comprehensive.push_back(user_input);
  s.comprehensive.insert(s.comprehensive.end(), afc_turns.begin(), afc_turns.end());
  s.comprehensive.push_back(*output);
  if (valid) {
    s.curated.push_back(user_input);
    s.curated.insert(s.curated.end(), afc_turns.begin(), afc_turns.end());
    s.curated.push_back(*output);
  }
}

Content user_content(std::vector<Part> parts) { return Content{"user", std::move(parts)}; }

// Records the turn of a whole answer `r` to `input`, sent after `sent`
// contents of history.
void record_answer(Chat::State& s, const Content& input, size_t sent, const GenerateContentResponse& r) {
  // With automatic function calling, the calls and responses between the
  // input and the answer are part of the conversation too.
  std::vector<Content> afc_turns;
  const auto& afc = r.automatic_function_calling_history;
  if (afc.size() > sent + 1) afc_turns.assign(afc.begin() + static_cast<std::ptrdiff_t>(sent + 1), afc.end());
  std::optional<Content> output;
  if (!r.candidates.empty() && r.candidates[0].content) output = *r.candidates[0].content;
  if (output && !output->role) output->role = "model";
  // A blocked turn never enters the curated history: a blocked prompt has
  // no candidate, and a candidate stopped by a filter may still carry parts.
  const bool valid = output && valid_content(*output) && !r.blocked();
  record(s, input, afc_turns, output, valid);
}

// A streamed turn: its chunks joined as they pass, recorded once the stream
// has ended without error (a failed turn is not recorded at all).
struct StreamedTurn {
  Content input;
  size_t sent = 0;                 // contents before the input
  std::vector<Content> afc_turns;  // automatic function calling: calls and responses before the answer
  Content output{"model", {}};
  bool valid = true;
  bool finished = false;  // a finish reason arrived
  bool over = false;      // recorded, or failed (a failed turn is not recorded at all)

  void observe(const GenerateContentResponse& chunk) {
    // A new turn of automatic function calling: what came before it (the
    // calls and their responses) is history, the answer starts anew.
    const std::vector<Content>& afc = chunk.automatic_function_calling_history;
    if (afc.size() > sent + 1 && afc.size() - (sent + 1) != afc_turns.size()) {
      afc_turns.assign(afc.begin() + static_cast<std::ptrdiff_t>(sent + 1), afc.end());
      output = Content{"model", {}};
      valid = true;
      finished = false;
    }
    if (chunk.candidates.empty() || !chunk.candidates[0].content) {
      valid = false;
    } else {
      internal::append_parts(output, chunk.candidates[0].content->parts);
    }
    if (!chunk.candidates.empty() && chunk.candidates[0].finish_reason) finished = true;
    // The text streamed before a filter stopped the answer is not an answer.
    if (chunk.blocked()) valid = false;
  }

  // Records the turn once, at the end of a stream that did not fail.
  void record_in(Chat::State& s) {
    if (over) return;
    over = true;
    record(s, input, afc_turns, output, valid && finished && valid_content(output));
  }
};

Result<void> empty_message() { return internal::invalid_argument("the message is empty", "Send at least one part."); }

}  // namespace

Chat::Chat(Models models, std::string model, GenerateContentConfig config, std::vector<Content> history)
    : models_(std::move(models)), model_(std::move(model)), config_(std::move(config)),
      state_(std::make_shared<State>()) {
  state_->curated = curate(history);
  state_->comprehensive = std::move(history);
}

Chat Chats::create(std::string_view model, GenerateContentConfig config, std::vector<Content> history) const {
  return Chat(models_, std::string(model), std::move(config), std::move(history));
}

Result<GenerateContentResponse> Chat::send_message(std::string_view text,
                                                   const std::optional<GenerateContentConfig>& config) {
  return send_message(std::vector<Part>{Part::from_text(text)}, config);
}

Result<GenerateContentResponse> Chat::send_message(std::vector<Part> parts,
                                                   const std::optional<GenerateContentConfig>& config) {
  if (parts.empty()) return empty_message().error();
  const Content input = user_content(std::move(parts));
  std::vector<Content> contents = history();
  const size_t sent = contents.size();
  contents.push_back(input);
  Result<GenerateContentResponse> r = models_.generate_content(model_, contents, config ? *config : config_);
  if (r) record_answer(*state_, input, sent, *r);
  return r;
}

void Chat::send_message_async(std::vector<Part> parts, const std::optional<GenerateContentConfig>& config,
                              Callback<GenerateContentResponse> on_done) {
  if (parts.empty()) return on_done(empty_message().error());
  Content input = user_content(std::move(parts));
  std::vector<Content> contents = history();
  const size_t sent = contents.size();
  contents.push_back(input);
  models_.generate_content_async(
      model_, contents, config ? *config : config_,
      [state = state_, input = std::move(input), sent, on_done = std::move(on_done)](Result<GenerateContentResponse> r) {
        if (r) record_answer(*state, input, sent, *r);
        on_done(std::move(r));
      });
}

std::future<Result<GenerateContentResponse>> Chat::send_message_async(std::string_view text) {
  return internal::future_of<GenerateContentResponse>([&](Callback<GenerateContentResponse> done) {
    send_message_async({Part::from_text(text)}, std::nullopt, std::move(done));
  });
}

void Chat::send_message_stream_async(std::vector<Part> parts, const std::optional<GenerateContentConfig>& config,
                                     Models::ChunkCallback on_chunk, Callback<void> on_done) {
  if (parts.empty()) return on_done(empty_message());
  auto turn = std::make_shared<StreamedTurn>();
  turn->input = user_content(std::move(parts));
  std::vector<Content> contents = history();
  turn->sent = contents.size();
  contents.push_back(turn->input);
  models_.generate_content_stream_async(
      model_, contents, config ? *config : config_,
      [turn, on_chunk = std::move(on_chunk)](GenerateContentResponse chunk) {
        turn->observe(chunk);
        return on_chunk(std::move(chunk));
      },
      [turn, state = state_, on_done = std::move(on_done)](Result<void> end) {
        if (end) turn->record_in(*state);
        on_done(std::move(end));
      });
}

std::future<Result<void>> Chat::send_message_stream_async(std::string_view text, Models::ChunkCallback on_chunk) {
  return internal::future_of<void>([&](Callback<void> done) {
    send_message_stream_async({Part::from_text(text)}, std::nullopt, std::move(on_chunk), std::move(done));
  });
}

Stream<GenerateContentResponse> Chat::send_message_stream(std::string_view text,
                                                          const std::optional<GenerateContentConfig>& config) {
  return send_message_stream(std::vector<Part>{Part::from_text(text)}, config);
}

Stream<GenerateContentResponse> Chat::send_message_stream(std::vector<Part> parts,
                                                          const std::optional<GenerateContentConfig>& config) {
  if (parts.empty()) return Stream<GenerateContentResponse>::failed(empty_message().error());
  auto turn = std::make_shared<StreamedTurn>();
  turn->input = user_content(std::move(parts));
  std::vector<Content> contents = history();
  turn->sent = contents.size();
  contents.push_back(turn->input);
  auto inner = std::make_shared<Stream<GenerateContentResponse>>(
      models_.generate_content_stream(model_, contents, config ? *config : config_));
  std::shared_ptr<State> state = state_;
  return Stream<GenerateContentResponse>(
      [inner, turn, state]() -> std::optional<Result<GenerateContentResponse>> {
        std::optional<Result<GenerateContentResponse>> item = inner->next();
        if (!item) {
          turn->record_in(*state);
          return item;
        }
        if (!item->ok()) {
          turn->over = true;
          return item;
        }
        turn->observe(**item);
        return item;
      },
      [inner]() { inner->cancel(); });
}

std::vector<Content> Chat::get_history(bool curated) const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return curated ? state_->curated : state_->comprehensive;
}

void Chat::clear_history() {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->curated.clear();
  state_->comprehensive.clear();
}

Json Chat::history_json() const { return Json(history()); }

Result<std::vector<Content>> Chat::history_from_json(const Json& j) {
  if (!j.is_array()) {
    return internal::invalid_argument(std::string("chat history must be a JSON list of contents, got ") + j.type_name());
  }
  std::vector<Content> out;
  for (size_t i = 0; i < j.size(); ++i) {
    const Json& c = j[i];
    const std::string where = "chat history[" + std::to_string(i) + "]";
    if (!c.is_object() || !c.contains("parts") || !c["parts"].is_array()) {
      return internal::invalid_argument(where + " is not a content with \"parts\"");
    }
    const std::string role = c.value("role", "");
    if (role != "user" && role != "model") {
      return internal::invalid_argument(where + " has role \"" + role + "\"; it must be \"user\" or \"model\"");
    }
    try {
      out.push_back(c.get<Content>());
    } catch (const std::exception& e) {
      return internal::invalid_argument(where + " is malformed: " + e.what());
    }
  }
  return out;
}

}  // namespace genai
