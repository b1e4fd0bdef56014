// Shared by fuzz_response_json and tests/unit/json_tape_test.cc: every typed
// member of a GenerateContentResponse (or a Live API message) as one JSON value, so that the two ways
// of reading an answer (from nlohmann's DOM, and from a JsonTape without one)
// can be compared with json_same, member by member.
#ifndef GENAI_FUZZ_RESPONSE_SAME_H_
#define GENAI_FUZZ_RESPONSE_SAME_H_

#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_types.h"
#include "genai/live.h"
#include "genai/types.h"

namespace genai_fuzz {

template <typename T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json("<unset>");
}

// Declared first: typed_list calls them for each other's members.
inline nlohmann::json typed_view(const genai::SafetyRating& r);
inline nlohmann::json typed_view(const genai::ModalityTokenCount& m);
inline nlohmann::json typed_view(const genai::LogprobsCandidate& c);
inline nlohmann::json typed_view(const genai::LogprobsTopCandidates& t);
inline nlohmann::json typed_view(const genai::UrlMetadata& u);
inline nlohmann::json typed_view(const genai::Candidate& c);

inline nlohmann::json typed_view(const genai::SafetyRating& r) {
  return nlohmann::json::array({r.category, r.probability, opt(r.blocked), opt(r.probability_score), opt(r.severity),
          opt(r.severity_score), r.extra});
}
inline nlohmann::json typed_view(const genai::ModalityTokenCount& m) { return nlohmann::json::array({m.modality, m.token_count, m.extra}); }
inline nlohmann::json typed_view(const genai::LogprobsCandidate& c) {
  return nlohmann::json::array({opt(c.token), opt(c.token_id), opt(c.log_probability)});
}
template <typename T>
nlohmann::json typed_list(const std::vector<T>& items) {
  nlohmann::json out = nlohmann::json::array();
  for (const T& item : items) out.push_back(typed_view(item));
  return out;
}
inline nlohmann::json typed_view(const genai::LogprobsTopCandidates& t) { return typed_list(t.candidates); }
inline nlohmann::json typed_view(const genai::UrlMetadata& u) { return nlohmann::json::array({opt(u.retrieved_url), opt(u.url_retrieval_status)}); }
inline nlohmann::json typed_view(const genai::Candidate& c) {
  nlohmann::json content = "<unset>";
  if (c.content) genai::to_json(content, *c.content);  // every member of every part, extra included
  nlohmann::json logprobs = "<unset>";
  if (c.logprobs_result) {
    logprobs = nlohmann::json::array({typed_list(c.logprobs_result->chosen_candidates), typed_list(c.logprobs_result->top_candidates),
                opt(c.logprobs_result->log_probability_sum)});
  }
  nlohmann::json urls = c.url_context_metadata ? typed_list(c.url_context_metadata->url_metadata) : "<unset>";
  return nlohmann::json::array({content,          opt(c.finish_reason), opt(c.finish_message), typed_list(c.safety_ratings),
          opt(c.citation_metadata), opt(c.grounding_metadata), opt(c.token_count), opt(c.index),
          opt(c.avg_logprobs), logprobs, urls, c.extra});
}
inline nlohmann::json typed_view(const genai::GenerateContentResponse& r) {
  nlohmann::json usage = "<unset>";
  if (const auto& u = r.usage_metadata) {
    usage = nlohmann::json::array({opt(u->prompt_token_count),          opt(u->candidates_token_count),
             opt(u->total_token_count),           opt(u->thoughts_token_count),
             opt(u->cached_content_token_count),  opt(u->tool_use_prompt_token_count),
             typed_list(u->prompt_tokens_details), typed_list(u->candidates_tokens_details),
             u->extra});
  }
  nlohmann::json feedback = "<unset>";
  if (const auto& f = r.prompt_feedback) {
    feedback = nlohmann::json::array({opt(f->block_reason), opt(f->block_reason_message), typed_list(f->safety_ratings), f->extra});
  }
  return nlohmann::json::array({typed_list(r.candidates), usage, feedback, opt(r.model_version), opt(r.response_id), opt(r.create_time),
          r.extra});
}

inline nlohmann::json typed_view(const genai::Transcription& t) {
  return nlohmann::json::array({opt(t.text), opt(t.finished), t.extra});
}
template <typename T>
nlohmann::json typed_opt(const std::optional<T>& v) {
  return v ? typed_view(*v) : nlohmann::json("<unset>");
}
inline nlohmann::json typed_view(const genai::LiveServerMessage& m) {
  nlohmann::json setup = "<unset>", content = "<unset>", call = "<unset>", cancel = "<unset>", usage = "<unset>",
                 away = "<unset>", update = "<unset>";
  if (const auto& s = m.setup_complete) setup = nlohmann::json::array({opt(s->session_id), s->extra});
  if (const auto& c = m.server_content) {
    content = nlohmann::json::array({opt(c->model_turn), opt(c->turn_complete), opt(c->interrupted),
                                     opt(c->generation_complete), typed_opt(c->input_transcription),
                                     typed_opt(c->output_transcription), opt(c->grounding_metadata),
                                     opt(c->turn_complete_reason), opt(c->waiting_for_input), c->extra});
  }
  if (const auto& t = m.tool_call) call = nlohmann::json::array({nlohmann::json(t->function_calls), t->extra});
  if (const auto& t = m.tool_call_cancellation) cancel = nlohmann::json::array({t->ids, t->extra});
  if (const auto& u = m.usage_metadata) {
    usage = nlohmann::json::array({opt(u->prompt_token_count), opt(u->cached_content_token_count),
                                   opt(u->response_token_count), opt(u->tool_use_prompt_token_count),
                                   opt(u->thoughts_token_count), opt(u->total_token_count),
                                   typed_list(u->prompt_tokens_details), typed_list(u->response_tokens_details),
                                   u->extra});
  }
  if (const auto& g = m.go_away) away = nlohmann::json::array({opt(g->time_left), g->extra});
  if (const auto& r = m.session_resumption_update) {
    update = nlohmann::json::array(
        {opt(r->new_handle), opt(r->resumable), opt(r->last_consumed_client_message_index), r->extra});
  }
  return nlohmann::json::array({setup, content, call, cancel, usage, away, update, m.extra});
}

}  // namespace genai_fuzz

#endif  // GENAI_FUZZ_RESPONSE_SAME_H_
