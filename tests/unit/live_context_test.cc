// The emulator's Live context window (emulator/handlers/live_context.h): how
// the sliding window of contextWindowCompression cuts a history.
#include "emulator/handlers/live_context.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "emulator/handlers/gemini_methods.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

// A turn of `words` one-token words.
ojson turn(const char* role, int words) {
  std::string text;
  for (int i = 0; i < words; ++i) text += "word ";
  return {{"role", role}, {"parts", ojson::array({{{"text", text}}})}};
}

TEST(LiveContext, TokensAreTheTextOfEveryTurn) {
  const ojson h = ojson::array({turn("user", 3), turn("model", 5)});
  EXPECT_EQ(live_turn_tokens(h[0]), 3);
  EXPECT_EQ(live_context_tokens(h), 8);
}

TEST(LiveContext, TheWindowDropsTheFewestTurnsAndStartsAtAUserTurn) {
  // user 10, model 10, user 10, model 10, user 10: 50 tokens.
  const ojson h = ojson::array({turn("user", 10), turn("model", 10), turn("user", 10), turn("model", 10),
                                turn("user", 10)});
  EXPECT_EQ(live_sliding_window_cut(h, 50), 0u);  // it fits already
  EXPECT_EQ(live_sliding_window_cut(h, 40), 2u);  // not 1: the rest would start at a model turn
  EXPECT_EQ(live_sliding_window_cut(h, 30), 2u);
  EXPECT_EQ(live_sliding_window_cut(h, 29), 4u);
  // Nothing gets down to 5: the user turn being answered stays.
  EXPECT_EQ(live_sliding_window_cut(h, 5), 4u);
}

TEST(LiveContext, AFunctionResponseIsNotWhereAWindowStarts) {
  ojson response = {{"role", "user"},
                    {"parts", ojson::array({{{"functionResponse", {{"name", "f"}, {"response", ojson::object()}}}}})}};
  const ojson h = ojson::array({turn("user", 10), turn("model", 10), response, turn("model", 10), turn("user", 10)});
  EXPECT_EQ(live_sliding_window_cut(h, 25), 4u);
  // No user turn after the first: nothing can be cut.
  EXPECT_EQ(live_sliding_window_cut(ojson::array({turn("user", 10), turn("model", 10)}), 1), 0u);
}

// LiveHistory keeps per turn what an answer needs; what it answers must be
// what the whole history gives, worked out from scratch.
TEST(LiveContext, AHistoryKeepsWhatTheWholeConversationGives) {
  // Members out of order and text that JSON escapes, as a call's arguments have.
  const ojson args = {{"z", 1}, {"a", "\u00e9\n"}};
  ojson call = {{"role", "model"}, {"parts", ojson::array({{{"functionCall", {{"name", "f"}, {"args", args}}}}})}};
  const ojson turns = ojson::array({turn("user", 10), call, turn("model", 4), turn("user", 7), turn("model", 3)});
  const ojson rest_forms[] = {
      ojson{{"generationConfig", ojson::object()}},
      ojson{{"systemInstruction", {{"parts", ojson::array({{{"text", "Be brief."}}})}}},
            {"tools", ojson::array({{{"googleSearch", ojson::object()}}})},
            {"generationConfig", {{"temperature", 0.5}, {"candidateCount", 1}}}},
      ojson::object(),
  };
  LiveHistory h;
  ojson so_far = ojson::array();
  for (const ojson& t : turns) {
    h.push_back(t);
    so_far.push_back(t);
    EXPECT_EQ(h.tokens(), live_context_tokens(so_far));
    for (const ojson& rest : rest_forms) {
      ojson body = rest;
      body["contents"] = so_far;
      EXPECT_EQ(h.request_key("m", rest), request_key("m", body));
    }
  }
  for (std::int64_t target : {40, 20, 10, 1}) {
    EXPECT_EQ(h.sliding_window_cut(target), live_sliding_window_cut(so_far, target)) << target;
  }
  h.drop_front(3);
  so_far.erase(so_far.begin(), so_far.begin() + 3);
  EXPECT_EQ(h.turns(), so_far);
  EXPECT_EQ(h.tokens(), live_context_tokens(so_far));
  EXPECT_EQ(h.request_key("m", rest_forms[1]), request_key("m", [&] {
              ojson b = rest_forms[1];
              b["contents"] = so_far;
              return b;
            }()));
  LiveHistory resumed;
  resumed.assign(so_far);
  EXPECT_EQ(resumed.request_key("m", rest_forms[0]), h.request_key("m", rest_forms[0]));
  EXPECT_EQ(resumed.tokens(), h.tokens());
}

// The resumption handles saved between two turns share one copy of the
// history; a change makes a new one and leaves the old one as it was.
TEST(LiveContext, ASnapshotIsSharedUntilTheHistoryChanges) {
  LiveHistory h;
  EXPECT_EQ(*h.snapshot(), ojson::array());
  EXPECT_EQ(h.bytes(), ojson::array().dump().size());
  h.push_back(turn("user", 2));
  const std::shared_ptr<const ojson> first = h.snapshot();
  EXPECT_EQ(h.snapshot(), first);  // the same object, not a copy
  h.push_back(turn("model", 3));
  const std::shared_ptr<const ojson> second = h.snapshot();
  EXPECT_NE(second, first);
  EXPECT_EQ(first->size(), 1U);
  EXPECT_EQ(*second, h.turns());
  EXPECT_EQ(h.bytes(), nlohmann::json(h.turns()).dump().size());
  h.drop_front(1);
  EXPECT_EQ(second->size(), 2U);
  EXPECT_EQ(*h.snapshot(), h.turns());
  EXPECT_EQ(h.bytes(), nlohmann::json(h.turns()).dump().size());
}

}  // namespace
}  // namespace genai::emulator
